/*
 * msgcat.c: the message catalog and its formatters.
 *
 * The table is sorted by id (a unit test checks it) and searched by bisection.
 * Every sentence here is our own; MQ contributes the numbers and what each
 * message is about (reference/mq-admin-facts.md sections 1.4, 4.3, 7 and 8).
 * Insert syntax and kinds: see msgcat.h.  To add a message: add its number to
 * enum amq_msgid, add the entry here in id order, and never reuse a number for
 * a different meaning.
 */
#include "qm/home/msgcat.h"
#include "log/qmerr.h"

#include <stdio.h>
#include <string.h>

static const struct amq_msg catalog[] = {
{ 5534, 'E', "cc", "User ID '%1' authentication failed.",
  "Application '%2' gave user ID '%1' and a password in its MQCSP, and the operating system did not "
  "accept them: the password is wrong, or the user is not known, is locked or has expired. The "
  "connection was refused with reason 2035 (MQRC_NOT_AUTHORIZED), after the AUTHINFO object's FAILDLAY.",
  "Give the application the right user ID and password, or unlock the account. The next message says "
  "which CONNAUTH setting made the queue manager check them." },
{ 5540, 'E', "c", "Application '%1' did not supply a user ID and password.",
  "The queue manager's connection authentication settings require this application to prove who it "
  "is with a user ID and password in an MQCSP structure on MQCONNX, and it gave none. The connection "
  "was refused with reason 2035 (MQRC_NOT_AUTHORIZED).",
  "Make the application give a user ID and password (MQCSP with MQCSP_AUTH_USER_ID_AND_PWD), or change "
  "the AUTHINFO object named by CONNAUTH and run REFRESH SECURITY TYPE(CONNAUTH). The next message "
  "says which setting required them." },
{ 5541, 'E', "cc", "The failed authentication check was demanded by the CONNAUTH setting %1 of '%2'.",
  "The authentication information object %2, which the queue manager's CONNAUTH attribute names, has "
  "%1: that setting made a user ID and password necessary for the connection that was refused.",
  "If the connection should be allowed without a password, change the setting on %2 and run REFRESH "
  "SECURITY TYPE(CONNAUTH); otherwise give the application a user ID and password." },
{ 5542, 'I', "cc", "The failed authentication check was made under the CONNAUTH setting %1 of '%2'.",
  "The authentication information object %2 has %1: under it, a user ID and password that an "
  "application gives are checked, and a connection whose ones are wrong is refused.",
  "Correct the user ID or password the application gives." },
{ 6206, 'I', "c", "Command %1 was run.",
  "The command %1 was started by a user or a script. The entry records when it ran and under "
  "which user, to help match later messages with the command that caused them.",
  "None." },
{ 6287, 'I', "cc", "Quire V%1 (%2).",
  "This is the version and build of the Quire code that issued the messages that follow.",
  "None." },
{ 6708, 'E', "c", "There is no space left to format a new log file in %1.",
  "The queue manager needed a new log file (extent) and the file system that holds %1 has no room "
  "for it. Work that needs log space is refused until space is found.",
  "Free space in the file system that holds the log, or give it more space, then retry the work "
  "that failed. With linear logging, archive and remove log files older than the one named in "
  "the latest AMQ7467 and AMQ7468 messages." },
{ 6709, 'E', "c", "The log of queue manager '%1' is full and the request was refused.",
  "A request that had to write to the log could not be served because every primary and "
  "secondary log file holds data still needed for restart.",
  "Commit or back out long-running units of work, and if this happens often give the log more "
  "files (LogPrimaryFiles and LogSecondaryFiles in qm.ini) and restart the queue manager." },
{ 6767, 'E', "cc", "Log file %1 cannot be opened: %2.",
  "The queue manager needs log file %1, to restart or to rebuild an object from its media image, "
  "but the file is missing, cannot be read, or does not belong to this log.",
  "Put the file back, with every later log file, where the log path in qm.ini says, readable and "
  "writable by the queue manager's user, then retry. If the file was only needed to rebuild a "
  "damaged object and no copy exists, delete that object and define it again." },
{ 7001, 'S', "cc", "The location of queue manager '%1' is not usable: %2.",
  "The folder recorded for queue manager '%1' in mqs.ini (Prefix, Directory or DataPath) does not "
  "exist, is not mounted, or cannot be used by this user.",
  "Correct the QueueManager stanza of mqs.ini or make the folder available, then retry. To rebuild "
  "missing or damaged folders of a queue manager before media recovery, start it with strmqm -f." },
{ 7005, 'E', "c", "Queue manager '%1' is running.",
  "The command needs queue manager '%1' to be stopped, but it is running. Deleting a running "
  "queue manager, or starting it a second time, is not allowed.",
  "End the queue manager with endmqm if that is what you intend, then run the command again." },
{ 7006, 'E', "cacc", "The %3 stanza at line %2 of %1 has no %4 key.",
  "Every %3 stanza of %1 must set %4, and the stanza that starts at line %2 does not.",
  "Add the missing %4=value line to the stanza, or remove the stanza, then retry." },
{ 7008, 'E', "c", "A queue manager named '%1' already exists.",
  "crtmqm was asked to create queue manager '%1', but mqs.ini already lists a queue manager with "
  "that name.",
  "Choose another name, or delete the existing queue manager first with dltmqm." },
{ 7017, 'S', "cc", "The log of queue manager '%1' is not available: %2.",
  "The queue manager could not use its log: a log file it needs is missing or damaged, the log "
  "control file cannot be read, or a write or sync of the log failed (the detail names the "
  "operation, the log file, the LSNs and the operating system's error). It will not start, or "
  "goes on, only with a complete log.",
  "The detail above, and AMQ6767 before it when a log file is missing, name the file at fault. "
  "Restore the missing or damaged files from the backup taken with the data folders, then start "
  "the queue manager again." },
{ 7026, 'E', "c", "A principal or group name was invalid: %1.",
  "The command named a principal or a group the operating system does not know: %1.",
  "Name a user or group that exists (getent passwd, getent group), or create it first." },
{ 7030, 'I', "c", "Request to quiesce queue manager '%1' accepted.",
  "The queue manager will end once the applications connected to it have disconnected and the "
  "calls in progress are complete. New connections are refused meanwhile.",
  "None. Use dspmq to see when the queue manager has ended, or endmqm -i to end it sooner." },
{ 7048, 'E', "c", "Queue manager name '%1' is not valid or not known.",
  "No queue manager called '%1' is listed in mqs.ini, or the name breaks the rules for queue "
  "manager names (at most 48 characters from A-Z, a-z, 0-9, '.', '_', '/' and '%%').",
  "Check the spelling (names are case-sensitive) and list the known queue managers with dspmq." },
{ 7077, 'E', "", "You are not authorized to perform the requested operation.",
  "The command needs authority you do not have on the queue manager or the object.",
  "Run the command as an administrator (a member of group mqm, or the queue manager's user), or have one "
  "grant you the authority with setmqaut." },
{ 7097, 'E', "c", "You gave an authorization specification that is not valid: %1.",
  "An authority given to setmqaut (+name or -name) or to SET AUTHREC (AUTHADD, AUTHRMV) is not one MQ "
  "knows, or is not one the object type takes: %1.",
  "Give the authorities the object type takes (setmqaut's documentation lists them)." },
{ 7098, 'E', "c", "The command was not valid: %1.",
  "An authority command (setmqaut, dspmqaut, dmpmqaut) was given flags that do not go together or lack "
  "one it needs: %1.",
  "Correct the command and issue it again." },
{ 7229, 'I', "ac", "%1 log records read on queue manager '%2' during the log replay phase.",
  "While starting, the queue manager read %1 log records written since its last checkpoint, to "
  "bring its queues up to date with the log.",
  "None." },
{ 7230, 'I', "c", "Queue manager '%1' has finished replaying its log.",
  "The queues of queue manager '%1' now hold everything the log records up to the moment it "
  "stopped.",
  "None." },
{ 7231, 'I', "ac", "%1 log records read on queue manager '%2' during the recovery phase.",
  "While starting, the queue manager read %1 log records belonging to units of work that were "
  "still active when it stopped, to learn what each of them did.",
  "None." },
{ 7232, 'I', "c", "Queue manager '%1' has rebuilt the state of its units of work.",
  "The queue manager knows which units of work were active when it stopped and what each had "
  "done, and can now resolve them.",
  "None." },
{ 7233, 'I', "aac", "%1 of %2 in-flight units of work resolved for queue manager '%3'.",
  "Units of work that were neither committed nor backed out when the queue manager stopped have "
  "now been resolved: uncommitted puts are removed and uncommitted gets are put back.",
  "None." },
{ 7234, 'I', "acc", "%1 messages of queue %2 loaded on queue manager '%3'.",
  "While starting, the queue manager loaded the messages of queue %2. Deep queues take a while; "
  "this message shows that the start is making progress.",
  "None." },
{ 7463, 'W', "c", "The log of queue manager '%1' is full.",
  "A write to the log was refused because no log file had free space. The queue manager takes a "
  "checkpoint and backs out long-running units of work to release space, and refuses work that "
  "needs the log until it has some.",
  "If this happens only at peak load, no action is needed. If it recurs, give the log more files "
  "(LogPrimaryFiles, LogSecondaryFiles in qm.ini, read at the next start); larger files need a "
  "new queue manager." },
{ 7464, 'I', "c", "The log of queue manager '%1' has free space again.",
  "The condition reported by AMQ7463 is over: log writes succeed again.",
  "None." },
{ 7465, 'W', "c", "The log of queue manager '%1' is full because a long-running unit of work holds it.",
  "Log space cannot be reused while a unit of work that wrote to the log long ago is still open, "
  "and that unit of work now holds the log full.",
  "Make applications commit or back out their work more often. The queue manager backs out the "
  "oldest unit of work if space is not released (AMQ7469)." },
{ 7466, 'W', "c", "The log of queue manager '%1' is too small for the rate at which data is written.",
  "Checkpoints cannot release log space as fast as the applications fill it, so the log keeps "
  "running out of primary files.",
  "Give the log more primary files (LogPrimaryFiles in qm.ini) and restart the queue manager." },
{ 7467, 'I', "cc", "The oldest log file needed to restart queue manager %1 is %2.",
  "Restart recovery of queue manager %1 reads nothing older than log file %2. Older files may "
  "still be needed for media recovery (see AMQ7468).",
  "With linear logging, log files older than %2 may be archived; keep them if they are needed for "
  "media recovery." },
{ 7468, 'I', "cc", "The oldest log file needed for media recovery of queue manager %1 is %2.",
  "Rebuilding any object of queue manager %1 from its media image reads nothing older than log "
  "file %2.",
  "Log files older than both %2 and the file named by AMQ7467 are no longer needed and may be "
  "archived or deleted." },
{ 7469, 'W', "c", "Units of work on queue manager '%1' were backed out to release log space.",
  "The log was nearly full and could not be freed while one or more old units of work stayed "
  "open, so the queue manager backed them out. Their applications get MQRC_BACKED_OUT on their "
  "next call in that unit of work.",
  "Keep units of work short, or give the log more space in qm.ini." },
{ 7470, 'I', "cc", "Media image for object %1, type %2 recorded.",
  "The definition of object %1 (type %2) and, for a local queue, its committed persistent messages "
  "were written to the log as its new media image. Media recovery of the object now starts there.",
  "None. Log files older than the one AMQ7468 names are no longer needed for media recovery." },
{ 7471, 'I', "cc", "Object %1, type %2 recreated.",
  "Object %1 (type %2) was rebuilt from its latest media image and every later log record: its "
  "definition and, for a local queue, every committed persistent message. Nonpersistent messages "
  "it held are gone.",
  "None." },
{ 7472, 'W', "cc", "Object %1 of type %2 is damaged.",
  "The file that holds object %1 of type %2 is missing, cannot be read, or failed its checks, so "
  "the object cannot be used. Applications that open it get MQRC_OBJECT_DAMAGED (2101).",
  "With linear logging, rebuild the object from its media image with rcrmqobj. With circular "
  "logging, delete the object and define it again, or restore the queue manager from a backup." },
{ 7490, 'I', "aaa", "Log extent statistics: %1 created, %2 reused, %3 deleted.",
  "Since the last report the log created %1 new log files, reused %2 and deleted %3.",
  "None." },
{ 7880, 'I', "c", "Quire queue manager '%1' starting.",
  "strmqm has started queue manager '%1'. Restart recovery runs next and reports its progress.",
  "None." },
{ 7881, 'I', "c", "Directory '%1' created.",
  "crtmqm created the data folder of the new queue manager at %1.",
  "None." },
{ 7882, 'I', "c", "Creating the system and default objects of queue manager %1.",
  "crtmqm is defining the SYSTEM.* queues and the default objects that new definitions copy "
  "their attributes from.",
  "None." },
{ 7883, 'I', "", "Finishing set-up.",
  "crtmqm has created the objects of the new queue manager and is writing its configuration.",
  "None." },
{ 7884, 'I', "", "Set-up complete.",
  "The new queue manager is ready to be started with strmqm.",
  "None." },
{ 7885, 'I', "c", "Waiting until queue manager '%1' has ended.",
  "endmqm -w waits for the queue manager to finish the work in progress and end.",
  "None. Interrupting endmqm does not cancel the request to end." },
{ 7886, 'I', "c", "Request to end queue manager '%1' immediately accepted.",
  "The queue manager ends once the calls in progress finish; later calls fail. Units of work that "
  "are still open are backed out at the next start.",
  "None." },
{ 7887, 'I', "c", "Request to end queue manager '%1' preemptively accepted.",
  "The queue manager is being stopped without waiting for applications or calls in progress. "
  "Restart recovery at the next start brings its data back to a consistent state.",
  "Use this only when endmqm -c and -i did not work." },
{ 7888, 'E', "cc", "Configuration not valid: %2.",
  "A value in %1 is outside its allowed range or is not one of the allowed words. The message "
  "names the line, the key, the value and what is allowed. The command stopped without acting.",
  "Correct the line in %1 (samples/qm.ini describes every key) and run the command again." },
{ 7889, 'W', "cacc", "Unknown key %3 in the %4 stanza at line %2 of %1 ignored.",
  "%1 sets %3 in the %4 stanza at line %2, and Quire has no such key there. The line has no effect.",
  "Check the spelling of the key against samples/qm.ini, or remove the line." },
{ 7890, 'W', "cac", "Unknown stanza %3 at line %2 of %1 ignored.",
  "%1 has a stanza named %3 at line %2 that Quire does not use. Its keys have no effect.",
  "Check the spelling of the stanza name against samples/qm.ini, or remove the stanza." },
{ 7891, 'I', "c", "Quire queue manager '%1' ending.",
  "The queue manager has begun to end: it takes a final checkpoint and closes its files.",
  "None." },
{ 7892, 'E', "c", "Queue manager '%1' is still being created.",
  "The creation of queue manager '%1' did not finish (crtmqm was stopped or failed part-way), so "
  "it cannot be started or used.",
  "Run crtmqm for the same name again: it removes what the earlier attempt left and creates the "
  "queue manager afresh." },
{ 7895, 'W', "cccc", "An incomplete end of the log of queue manager '%1' was cut off at %2: %3 bytes, %4.",
  "When it started, the queue manager found that the last write to its log had not completed "
  "(a crash or power loss during a log write). The records of that write were never confirmed to "
  "any application, so they were discarded, and the log goes on from the last complete write.",
  "None, if the queue manager had ended abnormally. If it had ended normally, the log may have "
  "been damaged on disk: check the disk and keep the log files for problem analysis." },
{ 7896, 'W', "cca", "Queue manager '%1' is refusing new connections: %2.",
  "An application tried to connect while the queue manager could not take another connection "
  "(its limit here is %3 connections, set by the process's file descriptor limit). The "
  "application was answered at once with reason code 2025 (MQRC_MAX_CONNS_LIMIT_REACHED); the "
  "connections already made go on working. This is said once, until connections are accepted "
  "again with room to spare.",
  "Look for applications that connect without disconnecting. To allow more connections, raise "
  "the hard limit on open files (ulimit -Hn, or LimitNOFILE= for a service) and restart the "
  "queue manager." },
{ 7897, 'S', "ccc", "Queue manager '%1' could not write file '%2': %3. The queue manager is ending.",
  "A write or a sync of one of the queue manager's files failed for a reason other than a full "
  "disk. A failed sync is never retried (the data it should have made durable may be lost from "
  "the operating system's cache), so the queue manager stops at once instead of carrying on with "
  "a file it cannot trust. Everything acknowledged is in the recovery log, from which restart "
  "recovery rebuilds the file.",
  "Check the disk and the system log for I/O errors, correct the problem, then start the queue "
  "manager again with strmqm." },
{ 7898, 'W', "cc", "No space on the disk for file '%2' of queue manager '%1'; its checkpoint is deferred.",
  "A checkpoint could not write a queue file because the file system is full. The file keeps its "
  "previous contents and the recovery log keeps every change since, so nothing is lost, but the "
  "log cannot be freed until the file is written. The queue manager tries again every few "
  "seconds. This is said once, until a checkpoint succeeds.",
  "Free space in the file system that holds the queue manager's data." },
{ 7899, 'W', "cccc", "An unfinished log record of queue manager '%1' was dropped at restart: %2 to %3 (%4 parts).",
  "The log holds the first parts of a record written in parts, but not its last part: the queue "
  "manager ended (or the system failed) while the record was being written. No reply had "
  "confirmed what the record describes, so restart recovery leaves it out.",
  "None, if the queue manager had ended abnormally. Otherwise check the disk and keep the log "
  "files for problem analysis." },
{ 7900, 'E', "cccc", "The file of object '%2' of queue manager '%1' is older than its log says: %3.",
  "The file reflects the log up to %4 only, but a checkpoint recorded a newer copy, so the file was "
  "replaced by an older one (restored from a backup, or copied) after the queue manager wrote it. "
  "Using it would bring back messages already removed and lose messages already put.",
  "With linear logging the object is rebuilt from the log when the log still holds the records "
  "since the file was written; otherwise it is marked damaged. Restore the newest copy of the file, "
  "or recreate the object with rcrmqobj (linear logging) or delete and define it again." },
{ 7901, 'E', "cccc", "The log of queue manager '%1' belongs to another queue manager: %2 holds the log of %3 (identity %4).",
  "The LogPath of queue manager '%1' names a log that another queue manager created. Starting with "
  "it would replay the other queue manager's records into this one and lose them there.",
  "Correct LogPath in the Log stanza of qm.ini so that it names this queue manager's own log." },
{ 7902, 'E', "ccc", "The folder of queue manager '%1' belongs to queue manager '%2': %3.",
  "mqs.ini gives a Directory for queue manager '%1' whose files were made for queue manager '%2'. "
  "Starting would use the other queue manager's objects and messages.",
  "Correct the Directory key of the QueueManager stanza of '%1' in mqs.ini." },
{ 7903, 'W', "caac", "The log of queue manager '%1' keeps LogPrimaryFiles=%2 and LogSecondaryFiles=%3: %4.",
  "qm.ini asks for other numbers of log files, and they take effect when the queue manager starts, "
  "but these could not be used now. The log goes on with the numbers it had.",
  "Give numbers in range whose total is at least the number of log files in use, then restart the "
  "queue manager." },
{ 7904, 'I', "caa", "Log replay of queue manager '%1' in progress: %2 records read, %3%% of the log to replay.",
  "A start that replays much log says how far it is every few seconds, so that a long restart is "
  "seen to make progress.",
  "None." },
{ 7905, 'E', "ccc", "Queue manager '%1' could not read a message of queue '%2': %3.",
  "A message the queue store holds on disk was needed by an MQGET, a browse or a match on its "
  "identifiers, and reading it failed or it failed its checksums. The call fails; the message stays "
  "where it is. The text names the file and the offset.",
  "Check the disk and the file named. If the file is damaged, restore the queue manager's data from "
  "a backup, or with linear logging rebuild the queue with rcrmqobj." },
{ 7906, 'E', "cc", "Media images of the objects of queue manager '%1' could not be recorded at its end: %2.",
  "At its end a queue manager with linear logging records an image of its queue manager object, "
  "of every recoverable object that is not a local queue and of empty local queues. That failed, "
  "so those objects keep their older images and the log files those need.",
  "Correct the problem named, then record the images with rcdmqimg once the queue manager runs." },
{ 7907, 'E', "ccc", "Media image for object %1, type %2 not recorded: %3.",
  "rcdmqimg could not record an image of object %1 (type %2) for the reason given. The object "
  "keeps its previous image.",
  "Correct the problem named and run rcdmqimg again." },
{ 7908, 'E', "ccc", "Object %1, type %2 not recreated: %3.",
  "rcrmqobj could not rebuild object %1 (type %2) for the reason given. Unless the reason says "
  "otherwise the object is as it was before the command.",
  "Correct the problem named (a log file AMQ6767 names put back, an application that holds the "
  "object open ended) and run rcrmqobj again." },
{ 7909, 'E', "c", "Media images and media recovery need linear logging; queue manager '%1' uses circular logging.",
  "rcdmqimg and rcrmqobj work from log records kept since an object's last image, which only a "
  "linear log keeps. The queue manager was created with circular logging.",
  "A damaged object of a queue manager with circular logging can only be deleted and defined "
  "again. To use media recovery, create the queue manager with crtmqm -ll." },
{ 7910, 'E', "cc", "No object of type %2 matches %1.",
  "The command names objects by %1 and type %2, and the queue manager has none that match.",
  "Check the name (names are case-sensitive; a trailing * matches any ending) and the type." },
{ 7911, 'I', "cacc", "Queue %1 holds the %2 committed persistent messages queue %3 held at log position %4.",
  "rcrmqobj -e/-n rebuilt queue %3 as it was at a point in time (the log before position %4), from its latest "
  "media image before then and the log records up to then (units of work open then count as backed out), and "
  "put its messages on the new queue %1 in one unit of work. Queue %3 itself is unchanged.",
  "Check the copy, then move the messages you need." },
{ 7912, 'W', "cc", "A trigger message for queue %1 was not made: process %2 does not exist.",
  "A message arrived on queue %1 and every other condition for a trigger event was met, but the process "
  "definition %2 that the queue's PROCESS attribute names does not exist, so no trigger message was put "
  "on the initiation queue. Said once, and again only after a trigger message for the queue was made or "
  "its definition changed.",
  "Define process %2 (DEFINE PROCESS), or correct the queue's PROCESS attribute." },
{ 7913, 'W', "cccc", "A trigger message for queue %1 could not be put on initiation queue %2 (reason %3): %4.",
  "The queue manager made a trigger message for queue %1 and could not put it on initiation queue %2: MQ "
  "reason %3 (for example 2053 the queue is full, 2051 puts are inhibited). The end of the message says "
  "whether the dead-letter queue took it instead.",
  "Correct the initiation queue; a trigger message on the dead-letter queue can be moved back to it." },
{ 7925, 'E', "cc", "The CONNAUTH setting names '%1', which cannot be used: %2.",
  "The queue manager's CONNAUTH attribute names authentication information object %1, but it does not "
  "exist or is not of AUTHTYPE(IDPWOS). Until that is put right, every connection that the settings "
  "would check is refused with reason 2035 (the queue manager does not guess a policy).",
  "Define the AUTHINFO object with AUTHTYPE(IDPWOS), or point CONNAUTH at one (blank: no checks), then "
  "run REFRESH SECURITY TYPE(CONNAUTH)." },
{ 7930, 'W', "ccc", "An event message for queue manager %3 could not be put on queue %1 (reason %2).",
  "The queue manager made an event message (a logger event, LOGGEREV enabled, or a queue depth event, "
  "PERFMEV enabled) and could not put it "
  "on its event queue %1: MQ reason %2 (for example 2085 the queue does not exist, 2053 it is full, 2051 "
  "puts are inhibited). The event is lost; the queue manager goes on, and says this again only after an "
  "event has been put since.",
  "Define the queue, make room on it (an application should get the events), or allow puts; events "
  "made later are put as usual." },
{ 7950, 'I', "cccaa", "Backup queue manager '%1' replayed its log up to LSN %2 (log extent %3): %4 log records, %5 units of work still in flight.",
  "strmqm -r read the log of backup queue manager '%1' from the restart point of the copy to the end of the "
  "extents copied in so far and replayed every record, writing nothing. The backup is in step with its "
  "original up to LSN %2: activated now, it would hold every message committed before that point. Units of "
  "work in flight there are completed by records in later extents, or backed out if it is activated first.",
  "None. Copy the extents the original finishes next into the backup's log folder and run strmqm -r again." },
{ 7951, 'I', "cca", "A log record of backup queue manager '%1' from LSN %2 continues in a log extent not copied yet (%3 in all).",
  "The last parts of a record that spans log extents are in an extent the backup does not hold yet, so the "
  "replay left the record out. Nothing was lost: the original acknowledged it only once it was whole.",
  "None. The next strmqm -r, with the next extent copied, replays it." },
{ 7952, 'E', "c", "Queue manager '%1' is a backup queue manager: it cannot be started before it is activated.",
  "Queue manager '%1' was made a backup queue manager by strmqm -r. A backup is kept in step with its "
  "original by replaying the log extents copied from it, and must not write its own log meanwhile, so it "
  "does not start.",
  "To keep it as a backup, use strmqm -r. To use it in place of its original, activate it with strmqm -a "
  "(it can then never be replayed again) and start it with strmqm." },
{ 7953, 'E', "cc", "strmqm -r is not allowed for queue manager '%1': %2.",
  "A backup queue manager replays the log extents copied from its original. That needs linear logging, and "
  "LogManagement Automatic is refused because it can reuse extents before they have been copied.",
  "Use linear logging with LogManagement Manual or Archive (qm.ini Log stanza) for the original and the backup." },
{ 7954, 'E', "c", "Queue manager '%1' has been activated: it is no longer a backup queue manager and cannot be replayed.",
  "strmqm -a activated backup queue manager '%1'. An activated backup has started, or may have started, its "
  "own work, so the original's log can no longer be replayed on it.",
  "Start it with strmqm. To have a backup again, make a new one from a copy of the original." },
{ 7955, 'I', "c", "Backup queue manager '%1' activated.",
  "Backup queue manager '%1' is now an ordinary queue manager. It was not started. Its next start is a "
  "restart recovery over the log copied in: every unit of work still in flight at its end is backed out.",
  "Start it with strmqm." },
{ 7956, 'E', "c", "Queue manager '%1' is not a backup queue manager.",
  "strmqm -a activates a backup queue manager: one that strmqm -r has made a backup and that has not been "
  "activated already.",
  "Check the queue manager name. A queue manager that was never a backup, or was activated before, needs no "
  "activation: start it with strmqm." },
{ 7957, 'E', "cc", "The log of backup queue manager '%1' could not be replayed: %2.",
  "strmqm -r (or -a) read the log copied in and could not use it for the reason given: an extent missing "
  "or damaged, an extent copied while it was being written, or a change the backup cannot follow. Nothing "
  "was changed.",
  "Correct what the reason names, for example copy the extent again once the original has finished it, "
  "then run the command again." },
{ 7958, 'I', "c", "Quire command server of queue manager '%1' started.",
  "strmqcsv started the command server, which reads PCF requests from SYSTEM.ADMIN.COMMAND.QUEUE.",
  "None." },
{ 7959, 'I', "c", "Quire command server of queue manager '%1' ended.",
  "endmqcsv ended the command server: requests stay on SYSTEM.ADMIN.COMMAND.QUEUE until it is started again.",
  "None." },
{ 7960, 'E', "c", "The command server of queue manager '%1' is already running.",
  "strmqcsv was asked to start a command server that is running or starting.",
  "None." },
{ 7961, 'E', "c", "The command server of queue manager '%1' is not running.",
  "endmqcsv was asked to end a command server that is not running.",
  "Start it with strmqcsv if it is needed." },
{ 8001, 'I', "c", "Quire queue manager '%1' created.",
  "crtmqm created queue manager '%1': its folders, log, configuration and objects.",
  "None." },
{ 8002, 'I', "c", "Quire queue manager '%1' deleted.",
  "dltmqm removed the data and log folders of queue manager '%1' and its entry in mqs.ini.",
  "None." },
{ 8003, 'I', "cc", "Quire queue manager '%1' started using V%2.",
  "Queue manager '%1' finished restart recovery and accepts connections.",
  "None." },
{ 8004, 'I', "c", "Quire queue manager '%1' ended.",
  "Queue manager '%1' has stopped and closed its files.",
  "None." },
{ 8005, 'I', "c", "Quire queue manager %1 changed.",
  "An ALTER QMGR command changed the attributes of queue manager %1.",
  "None." },
{ 8006, 'I', "c", "Quire queue %1 created.",
  "A DEFINE command created queue %1, and the log holds its definition.",
  "None." },
{ 8007, 'I', "c", "Quire queue %1 deleted.",
  "A DELETE command removed queue %1 and its file.",
  "None." },
{ 8008, 'I', "c", "Quire queue %1 changed.",
  "An ALTER command, or DEFINE with REPLACE, changed the attributes of queue %1.",
  "None." },
{ 8010, 'I', "c", "Quire process %1 created.",
  "A DEFINE PROCESS command created process definition %1, and the log holds its definition.",
  "None." },
{ 8011, 'I', "c", "Quire process %1 deleted.",
  "A DELETE PROCESS command removed process definition %1 and its file.",
  "None." },
{ 8012, 'I', "c", "Quire process %1 changed.",
  "An ALTER PROCESS command, or DEFINE PROCESS with REPLACE, changed the attributes of process %1.",
  "None." },
{ 8014, 'I', "c", "Quire channel %1 created.",
  "A DEFINE CHANNEL command created channel %1, and the log holds its definition.",
  "None." },
{ 8015, 'I', "c", "Quire channel %1 deleted.",
  "A DELETE CHANNEL command deleted channel %1, and the log holds the deletion.",
  "None." },
{ 8016, 'I', "c", "Quire channel %1 changed.",
  "An ALTER CHANNEL command, or DEFINE CHANNEL with REPLACE, changed the attributes of channel %1.",
  "None." },
{ 8018, 'I', "", "Start Quire channel accepted.",
  "START CHANNEL was carried out: the server-connection channel may run again; clients may connect "
  "through it.",
  "None." },
{ 8019, 'I', "", "Stop Quire channel accepted.",
  "STOP CHANNEL was carried out: the channel's instances (those from the CONNAME given) have ended, their "
  "units of work backed out; with STATUS(STOPPED) new instances are refused (2537) until START CHANNEL.",
  "None." },
{ 8021, 'I', "", "Request to start Quire Listener accepted.",
  "START LISTENER was carried out: the listener is listening on its port.",
  "None." },
{ 8022, 'I', "c", "Quire queue %1 cleared.",
  "CLEAR QLOCAL removed every message from queue %1; the clear is in the log.",
  "None." },
{ 8027, 'I', "c", "Quire command server status ..: %1.",
  "dspmqcsv shows the state of the command server: Starting, Running, Ending or Stopped.",
  "None." },
{ 8048, 'I', "aaa", "Default objects statistics : %1 created. %2 replaced. %3 failed.",
  "crtmqm or strmqm -c defined the system and default objects: %1 were new, %2 replaced an "
  "existing definition and %3 could not be defined.",
  "If any failed, the error log says which object and why; fix the cause and run strmqm -c." },
{ 8077, 'W', "cccc", "Entity '%1' has insufficient authority to access object %2.",
  "The authority manager refused entity '%1' (%4) on object %2 of type %3: it lacks the authority the call "
  "needs. The application got MQRC_NOT_AUTHORIZED (2035).",
  "If the entity should have it, grant the authority with setmqaut or SET AUTHREC." },
{ 8094, 'I', "c", "Quire subscription %1 created.",
  "A DEFINE SUB command created subscription %1, and the log holds its record.",
  "None." },
{ 8095, 'I', "c", "Quire subscription %1 changed.",
  "An ALTER SUB or DEFINE SUB REPLACE command changed subscription %1, and the log holds its new record.",
  "None." },
{ 8096, 'I', "", "Display subscription details.",
  "The lines that follow are the attributes of one subscription.",
  "None." },
{ 8097, 'I', "c", "Quire subscription %1 deleted.",
  "A DELETE SUB command removed subscription %1 (and its managed queue, if it had one), and the log holds "
  "the removal.",
  "None." },
{ 8099, 'I', "", "Display subscription status details.",
  "The lines that follow are the status of one subscription.",
  "None." },
{ 8101, 'E', "c", "The queue manager could not carry out the command: %1.",
  "The command could not be carried out for the reason in brackets: an MQ reason code the queue "
  "manager answered with, or a failure inside the queue manager.",
  "Look up the reason code, and the queue manager's error log for more; correct the cause and "
  "enter the command again." },
{ 8135, 'E', "", "You are not authorized to do this.",
  "The queue manager refused the command because the user who issued it may not run it; for "
  "now only the user who owns the queue manager may run MQSC commands.",
  "Run the command as the queue manager's owner." },
{ 8143, 'E', "c", "Queue %1 is not empty.",
  "The command would remove queue %1 or its messages, but the queue holds messages (or messages "
  "of units of work not yet ended) and PURGE was not given.",
  "Get or clear the messages first, or repeat DELETE with PURGE to discard them." },
{ 8146, 'E', "c", "Queue manager '%1' is not available.",
  "The command needs queue manager '%1' to be running, and it is not.",
  "Start the queue manager with strmqm and try again." },
{ 8147, 'E', "c", "Quire object %1 not found.",
  "The command names object %1, and the queue manager has no object of that name and type.",
  "Check the name (names are case-sensitive; unquoted names are folded to upper case) and type." },
{ 8148, 'E', "c", "Quire object %1 is in use.",
  "The command needs object %1 not to be open, but an application has it open.",
  "Wait until the applications close the object, or end them, then retry." },
{ 8149, 'E', "c", "Object %1 is damaged.",
  "The object named in the command cannot be used because its file is missing or failed its "
  "checks. AMQ7472 in the error log has the details.",
  "Rebuild the object with rcrmqobj (linear logging), or delete it and define it again." },
{ 8150, 'E', "c", "Quire object %1 already exists.",
  "DEFINE was asked to create object %1, and an object of that name exists.",
  "Use another name, or add REPLACE to change the existing object's attributes." },
{ 8242, 'E', "c", "SSLCIPH definition wrong.",
  "The SSLCIPH value '%1' of a DEFINE or ALTER CHANNEL command is not a CipherSpec this queue manager "
  "has: MQ's TLS 1.2 and TLS 1.3 CipherSpecs and the ANY aliases are; TLS 1.0 and SSL 3.0 ones, which MQ "
  "has deprecated, are not (MQRCCF_SSL_CIPHER_SPEC_ERROR).",
  "Give one of the CipherSpecs (for example ANY_TLS12_OR_HIGHER, TLS_AES_128_GCM_SHA256 or "
  "ECDHE_RSA_AES_128_GCM_SHA256), or a blank value for no TLS." },
{ 8276, 'I', "", "Display Connection details.",
  "The lines that follow describe one application connection, or one handle it holds open.",
  "None." },
{ 8405, 'E', "c", "Syntax error detected in the MQSC command: %1.",
  "The command could not be understood; the text says where and why.",
  "Correct the command and enter it again." },
{ 8407, 'I', "", "Display Process details.",
  "The lines that follow are the attributes of one process definition.",
  "None." },
{ 8408, 'I', "", "Display Queue Manager details.",
  "The lines that follow are the attributes of the queue manager.",
  "None." },
{ 8409, 'I', "", "Display Queue details.",
  "The lines that follow are the attributes of one queue.",
  "None." },
{ 8414, 'I', "", "Display Channel details.",
  "The lines that follow are the attributes of one channel.",
  "None." },
{ 8415, 'I', "", "Ping Queue Manager command complete.",
  "The queue manager received the command and answered it: it is taking commands.",
  "None." },
{ 8416, 'E', "", "MQSC timed out waiting for a response from the command server.",
  "runmqsc in indirect mode (-w, -c) put the command on the command server's queue and waited "
  "WaitTime seconds for its replies, and they did not all come. The command may still be carried out; "
  "replies that come before runmqsc ends are shown at the end.",
  "Check that the command server is running (dspmqcsv, strmqcsv) and give a longer WaitTime." },
{ 8417, 'I', "", "Display Channel Status details.",
  "DISPLAY CHSTATUS shows one running instance (or a stopped channel) after this line.",
  "None." },
{ 8420, 'I', "c", "MQSC command not supported yet: %1.",
  "The command is valid MQSC, but this release of Quire does not carry it out.",
  "Check the README for the MQSC commands available." },
{ 8441, 'I', "", "Refresh Queue Manager accepted.",
  "REFRESH QMGR TYPE(CONFIGEV) put a Refresh object configuration event for each object it selected "
  "(none while the queue manager's CONFIGEV is DISABLED).",
  "None." },
{ 8450, 'I', "", "Display queue status details.",
  "The lines that follow are the status of one queue, or of one handle open on it.",
  "None." },
{ 8518, 'E', "", "LOGGEREV needs a queue manager with linear logging.",
  "Logger events report which log files are needed for restart and media recovery; with "
  "circular logging there is nothing to report, so LOGGEREV cannot be enabled.",
  "Leave LOGGEREV disabled, or create the queue manager with linear logging (crtmqm -ll)." },
{ 8560, 'I', "", "Security cache refreshed.",
  "REFRESH SECURITY ran: what the queue manager keeps of the security settings of the type named (the group "
  "membership of users for AUTHSERV, the CONNAUTH policy, the TLS key repository) is read again, and new "
  "connections and checks use it from now on.",
  "None." },
{ 8563, 'I', "c", "Quire authentication information object %1 created.",
  "A DEFINE AUTHINFO command created authentication information object %1, and the log holds its definition.",
  "None." },
{ 8564, 'I', "c", "Quire authentication information object %1 deleted.",
  "A DELETE AUTHINFO command deleted authentication information object %1, and the log holds the deletion.",
  "None." },
{ 8566, 'I', "", "Display authentication information details.",
  "The lines that follow are the attributes of one authentication information object.",
  "None." },
{ 8567, 'I', "c", "Quire authentication information object %1 changed.",
  "An ALTER AUTHINFO command, or DEFINE AUTHINFO with REPLACE, changed authentication information object %1.",
  "None." },
{ 8626, 'I', "c", "Quire listener %1 created.",
  "A DEFINE LISTENER command created listener %1, and the log holds its definition.",
  "None." },
{ 8627, 'I', "c", "Quire listener %1 changed.",
  "An ALTER LISTENER command, or DEFINE LISTENER with REPLACE, changed the attributes of listener %1. "
  "A listener that is running keeps the values it started with until it is started again.",
  "None." },
{ 8628, 'I', "c", "Quire listener %1 deleted.",
  "A DELETE LISTENER command deleted listener %1, and the log holds the deletion.",
  "None." },
{ 8630, 'I', "", "Display listener information details.",
  "The lines that follow are the attributes of one listener.",
  "None." },
{ 8631, 'I', "", "Display listener status details.",
  "DISPLAY LSTATUS shows one running listener after this line.",
  "None." },
{ 8633, 'I', "", "Display topic details.",
  "The lines that follow are the attributes of one topic object.",
  "None." },
{ 8690, 'I', "c", "Quire topic %1 created.",
  "A DEFINE TOPIC command created topic object %1, and the log holds its definition.",
  "None." },
{ 8691, 'I', "c", "Quire topic %1 changed.",
  "An ALTER TOPIC or DEFINE TOPIC REPLACE command changed topic object %1, and the log holds its new definition.",
  "None." },
{ 8692, 'I', "c", "Quire topic %1 deleted.",
  "A DELETE TOPIC command deleted topic object %1, and the log holds the deletion. The topic string's node "
  "now takes its attributes from the topic objects above it.",
  "None." },
{ 8705, 'I', "", "Display Queue Manager Status Details.",
  "The lines that follow are the queue manager's status and its log's.",
  "None." },
{ 8706, 'I', "", "Request to stop Quire Listener accepted.",
  "STOP LISTENER was carried out: the listener no longer listens; channels already running through it "
  "go on.",
  "None." },
{ 8754, 'I', "", "Display topic status details.",
  "The lines that follow are the status of one node of the topic tree, with the values its ASPARENT "
  "attributes resolve to.",
  "None." },
{ 8862, 'I', "", "Authority record set.",
  "SET AUTHREC or setmqaut changed the authority record; the change is logged and in force.",
  "None." },
{ 8863, 'I', "", "Authority record deleted.",
  "DELETE AUTHREC or setmqaut -remove deleted the authority record; the change is logged and in force.",
  "None." },
{ 8864, 'I', "", "Display authority record details.",
  "DISPLAY AUTHREC shows an authority record.",
  "None." },
{ 8865, 'I', "", "Display entity authority details.",
  "DISPLAY ENTAUTH shows the authority an entity has on an object.",
  "None." },
{ 8866, 'E', "c", "The authority record was not found: %1.",
  "DELETE AUTHREC named a profile, type and entity that have no record: %1.",
  "Check the names with DISPLAY AUTHREC." },
{ 8877, 'I', "", "Quire channel authentication record set.",
  "SET CHLAUTH added, changed or removed channel authentication records; the change is logged and durable.",
  "None." },
{ 8878, 'I', "", "Display channel authentication record details.",
  "The lines that follow are the attributes of one channel authentication record.",
  "None." },
{ 8883, 'E', "", "Channel authentication record already exists.",
  "SET CHLAUTH ACTION(ADD) named a record (profile, type and the values that identify a mapping) that "
  "exists already (MQRCCF_CHLAUTH_ALREADY_EXISTS).",
  "Use ACTION(REPLACE) to change the record." },
{ 8884, 'E', "", "Channel authentication record not found.",
  "The command named a channel authentication record (or an entry of a record's list) that does not "
  "exist, or no record matches the name given (MQRCCF_CHLAUTH_NOT_FOUND).",
  "Check the channel profile, TYPE and the values that identify the record with DISPLAY CHLAUTH." },
{ 8950, 'I', "c", "Connection %1 stopped.",
  "STOP CONN ended connection %1: its unit of work, if any, was backed out and its handles were "
  "closed. The application gets MQRC_CONNECTION_BROKEN on its next call.",
  "None." },
{ 8951, 'I', "cc", "The log has moved from extent %1 to extent %2.",
  "RESET QMGR TYPE(ADVANCELOG) finished log extent %1, which is complete and durable and may be "
  "copied or archived now; new records go to extent %2.",
  "None." },
{ 8952, 'I', "c", "Log extent %1 recorded as archived.",
  "The queue manager noted that log extent %1 has been archived. Once no longer needed for restart "
  "or media recovery it is deleted or reused.",
  "None." },
{ 8953, 'E', "cc", "Log extent %1 cannot be recorded as archived: %2.",
  "SET LOG ARCHIVED or RESET QMGR TYPE(ARCHLOG) named log extent %1, and the queue manager "
  "refused it for the reason given.",
  "Name a finished S extent of this queue manager's log (DISPLAY QMSTATUS shows CURRLOG and "
  "ARCHLOG), with LogManagement=Archive in qm.ini." },
{ 8954, 'E', "c", "The log could not move to a new extent: %1.",
  "RESET QMGR TYPE(ADVANCELOG) was refused or failed for the reason given.",
  "ADVANCELOG needs linear logging. If the log failed, the error log says why." },
{ 8955, 'W', "c", "Log extent %1 was reported archived again.",
  "SET LOG ARCHIVED or RESET QMGR TYPE(ARCHLOG) named log extent %1, which had already been "
  "reported archived. Nothing changes.",
  "Check that the archiving program does not report an extent twice." },
{ 8956, 'E', "cc", "Topic string '%2' already belongs to topic object %1.",
  "DEFINE TOPIC gave a TOPICSTR that another topic object has. Each node of the topic tree has at most one "
  "topic object (MQRCCF_TOPICSTR_ALREADY_EXISTS).",
  "Use another topic string, or change the topic object that has it." },
{ 8957, 'E', "c", "The subscription cannot be made: %1.",
  "A DEFINE SUB or ALTER SUB command named something the subscription cannot have: %1.",
  "Correct the command and issue it again." },
{ 8958, 'E', "c", "Channel authentication record not valid: %1.",
  "SET CHLAUTH or DISPLAY CHLAUTH gave a value a channel authentication record cannot have, or a "
  "combination MQ does not allow: %1. Nothing was changed.",
  "Correct the command and issue it again." },
{ 8959, 'W', "ccc", "Channel %1 from address '%2' would have been blocked: %3.",
  "A channel authentication record with WARN(YES) matched the inbound channel %1 from '%2' (%3). The "
  "channel was allowed to start, as WARN(YES) asks.",
  "If the channel should be refused, set the record again with WARN(NO)." },
{ 8961, 'I', "", "Channel Status not found.",
  "DISPLAY CHSTATUS found no running instance (nor a stopped channel) that matches.",
  "None." },
{ 8962, 'E', "c", "The listener cannot be started: %1.",
  "START LISTENER did not start the listener: %1.",
  "Correct the listener's definition (PORT, IPADDR), stop the program that holds its port, or stop the "
  "listener that runs already, and try again." },
{ 8963, 'E', "c", "Listener %1 is not running.",
  "STOP LISTENER or DISPLAY LSTATUS named listener %1, which is not running.",
  "Start it with START LISTENER, or name a listener that runs." },
/* issue 15: TCP listeners and SVRCONN channels (qm/server/channel.c, listen.c) */
{ 8970, 'E', "c", "SSLPEER definition wrong: %1.",
  "The SSLPEER value of a DEFINE or ALTER CHANNEL command is not a distinguished name pattern as MQ's "
  "rules have it: %1 (MQRCCF_SSL_PEER_NAME_ERROR).",
  "Give attribute=value pairs separated by commas, with MQ's attribute types in upper case (CN, OU, O, L, "
  "ST, C, DC, E, UID, SERIALNUMBER ...), values in double quotes when they hold a comma, and '*' only at "
  "the start or end of a value." },
{ 9207, 'E', "cc", "The data received from host '%1' is not valid.",
  "A connection to one of the queue manager's TCP listeners began with %2. Quire's listeners take its "
  "own client frames, or TLS before them; the connection was closed. This is said at most once a minute "
  "for each address.",
  "Check what program connects from that host to the listener's port. An IBM MQ client needs Quire's "
  "libmqm to connect to Quire." },
{ 9218, 'E', "ac", "The TCP/IP listener program could not bind to port number %1.",
  "A listener could not listen on port %1: %2. When the port is in use, another program (or another "
  "listener) has it.",
  "Choose a free port, or end the program that has it, and start the listener again." },
{ 9259, 'E', "cca", "Connection timed out from host '%1'.",
  "The client connection from host %1 on channel %2 sent nothing for its heartbeat interval of %3 "
  "seconds and did not answer the heartbeat sent then. The connection was ended and its unit of work "
  "backed out, as for an application that ended.",
  "Check the network between the client and the queue manager, and that the client is still running." },
{ 9519, 'E', "cc", "Channel '%1' not found.",
  "A client connection from host %2 asked for channel %1, which is not defined as a server-connection "
  "(SVRCONN) channel on this queue manager. The client was refused with reason 2540 "
  "(MQRC_UNKNOWN_CHANNEL_NAME).",
  "Define the channel with DEFINE CHANNEL(%1) CHLTYPE(SVRCONN), or correct the channel name the client "
  "uses." },
{ 9533, 'E', "c", "Channel '%1' is not currently active.",
  "STOP CHANNEL named channel %1, which has no running instance (from the CONNAME given), and did not "
  "ask for STATUS(STOPPED).",
  "None, or give STATUS(STOPPED) to stop the channel from running." },
{ 9631, 'E', "cccc", "The CipherSpec negotiated for channel '%1' does not match the one it requires.",
  "The TLS handshake with the client at %4 agreed on CipherSpec %2, but channel '%1' has SSLCIPH(%3), "
  "which does not accept it (a single CipherSpec must be the one agreed; ANY_TLS12, ANY_TLS13 and the "
  "OR_HIGHER aliases accept any CipherSpec of their protocols). A channel without SSLCIPH accepts no TLS "
  "client. The channel did not start.",
  "Make the client's CipherSpec (MQCD SSLCipherSpec, the CCDT's cipherSpecification) and the channel's "
  "SSLCIPH agree." },
{ 9633, 'E', "ccc", "Bad TLS certificate for channel '%1'.",
  "A certificate met during the TLS handshake with %2 was refused: it could not be verified against the "
  "CA certificates of the key repository, or it has expired or is not valid yet. The channel is '%1' "
  "(question marks when the handshake failed before the channel was named). The details of the certificate and "
  "the reason are: %3. The channel did not start.",
  "Check the certificate's dates and that the CA that signed it is in the key repository's .ca file "
  "(SSLKEYR), then connect again." },
{ 9636, 'E', "cccc", "The TLS distinguished name does not match the peer name, channel '%1'.",
  "The certificate the client at %4 sent has the distinguished name '%2', which does not match SSLPEER(%3) "
  "of channel '%1'. The channel did not start.",
  "Correct SSLPEER on the channel, or give the client a certificate whose name matches it." },
{ 9637, 'E', "cc", "Channel '%1' is lacking a certificate.",
  "The client at %2 sent no certificate during the TLS handshake, but channel '%1' needs one "
  "(SSLCAUTH(REQUIRED), or an SSLPEER value to check). The channel did not start.",
  "Give the client a certificate in its key repository (<stem>.crt and <stem>.key), or set "
  "SSLCAUTH(OPTIONAL) and no SSLPEER on the channel." },
{ 9639, 'E', "ccc", "Remote channel '%1' did not specify a CipherSpec.",
  "Channel '%1' has SSLCIPH(%3), but the client at %2 connected without TLS. The channel did not start.",
  "Give the client's channel definition the CipherSpec (MQCD SSLCipherSpec, MQSERVER cannot carry one: "
  "use an MQCD or a CCDT), or clear SSLCIPH on the channel." },
{ 9657, 'E', "cc", "The key repository could not be used (channel '%1').",
  "The queue manager could not load its TLS key repository for channel '%1': %2. The key repository "
  "is the PEM files named by the queue manager's SSLKEYR: <stem>.crt (the certificate chain), <stem>.key "
  "(the private key, mode 0600) and <stem>.ca (the trusted CA certificates). The channel did not start.",
  "Correct the files, then REFRESH SECURITY TYPE(SSL)." },
{ 9665, 'E', "cc", "The TLS connection was closed by the remote end of channel '%1'.",
  "The client at %2 closed the connection, or sent something that is not TLS, before the TLS handshake "
  "finished (the channel name is question marks when it was not known yet).",
  "None, unless it happens often: then look at the client's error log." },
{ 9666, 'E', "ccc", "A TLS handshake with the client at %2 failed (channel '%1').",
  "The TLS handshake failed: %3. A CipherSpec the client offers that the queue manager does not have, or "
  "a protocol version below TLS 1.2, ends here.",
  "Give the client one of the CipherSpecs of the queue manager's table (TLS 1.2 or 1.3)." },
{ 9776, 'E', "cccc", "Channel was blocked by user ID.",
  "The inbound channel '%1' was blocked from address '%2' because the user it would run as, '%3', is in "
  "the USERLIST of a BLOCKUSER channel authentication record (profile '%4').",
  "If the user should be allowed, change the channel authentication records (SET CHLAUTH) or map the "
  "connection to another user." },
{ 9777, 'E', "ccc", "Channel was blocked.",
  "The inbound channel '%1' was blocked from address '%2' because it matched a channel authentication "
  "record with USERSRC(NOACCESS): %3.",
  "If the channel should be allowed, add a more specific record, or change this one (SET CHLAUTH)." },
{ 9782, 'E', "c", "Remote connection blocked.",
  "A connection from IP address '%1' was refused because the address is in the ADDRLIST of a BLOCKADDR "
  "channel authentication record.",
  "If the address should be allowed, remove it from the BLOCKADDR record (SET CHLAUTH ACTION(REMOVE))." },
{ 9783, 'I', "c", "Channel will run using MCAUSER('%1').",
  "DISPLAY CHLAUTH MATCH(RUNCHECK): no record blocks the channel described; it would run as user '%1'.",
  "None." },
{ 9960, 'E', "ccc", "Channel '%1' refused a connection from host '%2': %3.",
  "A client connection from host %2 on server-connection channel %1 was refused: %3. The client was "
  "given reason 2537 (MQRC_CHANNEL_NOT_AVAILABLE).",
  "Wait for instances of the channel to end, raise MAXINST or MAXINSTC, or START CHANNEL a channel that "
  "was stopped." },
};

#define NCAT (sizeof catalog / sizeof catalog[0])

size_t msgcat_count(void) { return NCAT; }

const struct amq_msg *msgcat_at(size_t i) { return i < NCAT ? &catalog[i] : NULL; }

const struct amq_msg *msgcat_find(int id)
{
	size_t lo = 0, hi = NCAT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (catalog[mid].id == id)
			return &catalog[mid];
		if (catalog[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *msgcat_num(char *buf, long long v)
{
	snprintf(buf, 24, "%lld", v);
	return buf;
}

/* Append s[0..len) to buf at *at, keeping room for the NUL; note truncation. */
static void put(char *buf, size_t n, size_t *at, const char *s, size_t len, int *cut)
{
	if (n == 0) {
		*cut = 1;
		return;
	}
	size_t room = n - 1 - *at;
	if (len > room) {
		len = room;
		*cut = 1;
	}
	memcpy(buf + *at, s, len);
	*at += len;
	buf[*at] = 0;
}

/* The insert a "%N" at p refers to ("" when missing), or NULL if p is not one. */
static const char *insert_at(const char *p, const char *const inserts[], int ninserts)
{
	if (p[0] != '%' || p[1] < '1' || p[1] > '9')
		return NULL;
	int i = p[1] - '1';
	return (inserts && i < ninserts && inserts[i]) ? inserts[i] : "";
}

/* An insert shown in at most cap bytes: whole, or its start (not cutting a
 * UTF-8 character) followed by "...". */
static void put_insert(char *buf, size_t n, size_t *at, const char *s, size_t cap, int *cut)
{
	size_t len = strlen(s);
	if (len <= cap) {
		put(buf, n, at, s, len, cut);
		return;
	}
	if (cap < 4) {
		put(buf, n, at, "...", cap, cut);
		return;
	}
	size_t keep = cap - 3;
	while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
		keep--;
	put(buf, n, at, s, keep, cut);
	put(buf, n, at, "...", 3, cut);
}

/*
 * When the text with its inserts does not fit in n bytes, the inserts are
 * shortened rather than the text cut: every insert gets the same cap, the
 * largest one with which the whole message fits, and an insert longer than
 * the cap ends in "...".  So a 5,000-character queue manager name still gives
 * the whole message, with the name's start in it.  Only when the text without
 * its inserts does not fit either is the end of the message cut.
 */
int msgcat_expand(char *buf, size_t n, const char *tmpl, const char *const inserts[], int ninserts)
{
	size_t at = 0, fixed = 0, total = 0, longest = 0, cap = (size_t)-1;
	int cut = 0, shortened = 0;
	if (n > 0)
		buf[0] = 0;
	for (const char *p = tmpl; *p; p++) {
		const char *s = insert_at(p, inserts, ninserts);
		if (s) {
			size_t l = strlen(s);
			total += l;
			if (l > longest)
				longest = l;
			p++;
		} else {
			fixed++;
			if (p[0] == '%' && p[1] == '%')
				p++;
		}
	}
	if (n > 0 && fixed < n - 1 && fixed + total > n - 1) {
		/* the largest cap with which the shortened inserts fit */
		size_t avail = n - 1 - fixed, lo = 0, hi = longest;
		while (lo < hi) {
			size_t mid = lo + (hi - lo + 1) / 2, sum = 0;
			for (const char *p = tmpl; *p; p++) {
				const char *s = insert_at(p, inserts, ninserts);
				if (s) {
					size_t l = strlen(s);
					sum += l < mid ? l : mid;
					p++;
				}
			}
			if (sum <= avail)
				lo = mid;
			else
				hi = mid - 1;
		}
		cap = lo;
		shortened = 1;
	}
	for (const char *p = tmpl; *p; p++) {
		const char *s = insert_at(p, inserts, ninserts);
		if (s) {
			put_insert(buf, n, &at, s, cap, &cut);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			put(buf, n, &at, "%", 1, &cut);
			p++;
		} else {
			put(buf, n, &at, p, 1, &cut);
		}
	}
	return cut || shortened ? QM_ETOOBIG : QM_OK;
}

int msgcat_wrap(char *dst, size_t n, const char *src, int width)
{
	size_t at = 0;
	int cut = 0, col = 0;
	if (n > 0)
		dst[0] = 0;
	const char *p = src;
	while (*p) {
		if (*p == '\n') {
			put(dst, n, &at, "\n", 1, &cut);
			col = 0;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t w = strcspn(p, " \n");
		if (col > 0 && width > 0 && col + 1 + (int)w > width) {
			put(dst, n, &at, "\n", 1, &cut);
			col = 0;
		} else if (col > 0) {
			put(dst, n, &at, " ", 1, &cut);
			col++;
		}
		put(dst, n, &at, p, w, &cut);
		col += (int)w;
		p += w;
	}
	return cut ? QM_ETOOBIG : QM_OK;
}

/* The text for an id that is missing from the catalog: say so, show the inserts. */
static int missing(char *buf, size_t n, int id, const char *const inserts[], int ninserts)
{
	size_t at = 0;
	int cut = 0;
	char head[80];
	int k = snprintf(head, sizeof head, "message %d is not in the catalog; inserts:", id);
	if (n > 0)
		buf[0] = 0;
	put(buf, n, &at, head, (size_t)k, &cut);
	for (int i = 0; inserts && i < ninserts; i++) {
		const char *s = inserts[i] ? inserts[i] : "";
		put(buf, n, &at, " '", 2, &cut);
		put(buf, n, &at, s, strlen(s), &cut);
		put(buf, n, &at, "'", 1, &cut);
	}
	return QM_ENOTFOUND;
}

int msgcat_format(char *buf, size_t n, int id, const char *const inserts[], int ninserts)
{
	const struct amq_msg *m = msgcat_find(id);
	char head[16];
	int k = snprintf(head, sizeof head, "AMQ%04d%c: ", id, m ? m->severity : 'E');
	if (n == 0)
		return QM_ETOOBIG;
	if ((size_t)k >= n) {
		snprintf(buf, n, "%s", head);
		return QM_ETOOBIG;
	}
	/* the text goes straight after the id, so its inserts are shortened to
	 * fit the caller's buffer (msgcat_expand) */
	memcpy(buf, head, (size_t)k + 1);
	return m ? msgcat_expand(buf + k, n - (size_t)k, m->text, inserts, ninserts)
		 : missing(buf + k, n - (size_t)k, id, inserts, ninserts);
}

int msgcat_format_part(char *buf, size_t n, int id, enum msgcat_part part,
		       const char *const inserts[], int ninserts, int width)
{
	const struct amq_msg *m = msgcat_find(id);
	char body[4096];
	int rc;
	if (!m) {
		rc = missing(body, sizeof body, id, inserts, ninserts);
		if (part != MSGCAT_TEXT)
			snprintf(body, sizeof body, "%s", part == MSGCAT_ACTION ? "None." :
				 "The program issued a message number that this build does not know.");
	} else {
		const char *t = part == MSGCAT_TEXT ? m->text :
				part == MSGCAT_EXPLANATION ? m->explanation : m->action;
		/* shortened to what buf holds: wrapping never lengthens a text */
		rc = msgcat_expand(body, n < sizeof body ? n : sizeof body, t, inserts, ninserts);
	}
	int rc2;
	if (width > 0) {
		rc2 = msgcat_wrap(buf, n, body, width);
	} else {
		int k = snprintf(buf, n, "%s", body);
		rc2 = (k < 0 || (size_t)k >= n) ? QM_ETOOBIG : QM_OK;
	}
	return rc != QM_OK ? rc : rc2;
}
