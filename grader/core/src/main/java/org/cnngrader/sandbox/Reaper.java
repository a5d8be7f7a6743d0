package org.cnngrader.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Kills processes: a child with its descendants, and on Linux every process of a session or of a
 * user, found in /proc. A descendant that re-parented itself (setsid, then its parent exits) is no
 * longer a descendant; the session and user sweeps still find it where the level allows.
 */
final class Reaper {

  private static final Path PROC = Path.of("/proc");
  private static final int ROUNDS = 20;

  /** The line of /proc/PID/status that gives the real user id first. */
  private static final byte[] UID = "\nUid:".getBytes(StandardCharsets.US_ASCII);

  /** How much of /proc/PID/status is read for its Uid line. */
  private static final int STATUS_START = 1024;

  private Reaper() {}

  static void killTree(ProcessHandle root) {
    // Descendants first: once the root is gone its children are re-parented and lost to this walk.
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }

  /** Kills every live process whose session id is {@code session}, until none is left. */
  static void killSession(long session) {
    sweep(pid -> sessionOf(pid) == session);
  }

  /** Kills every live process whose real user id is {@code uid}, until none is left. */
  static void killUser(int uid) {
    sweep(pid -> userOf(pid) == uid);
  }

  /** True when some live process has the real user id {@code uid}. */
  static boolean userHasProcesses(int uid) {
    return !live(pid -> userOf(pid) == uid).isEmpty();
  }

  private static void sweep(LongPredicate victim) {
    long self = ProcessHandle.current().pid();
    for (int round = 0; round < ROUNDS; round++) {
      List<Long> found = live(pid -> pid != self && victim.test(pid));
      if (found.isEmpty()) {
        return;
      }
      // A process may fork while its siblings die: repeat until a sweep finds nobody.
      found.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Pids of processes that are not zombies and match. */
  private static List<Long> live(LongPredicate match) {
    List<Long> pids = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return pids;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        long pid;
        try {
          pid = Long.parseLong(entry.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (match.test(pid) && !isZombie(pid)) {
          pids.add(pid);
        }
      }
    } catch (IOException e) {
      // /proc unreadable: the tree kill is all this machine allows.
    }
    return pids;
  }

  /** Fields of /proc/PID/stat after the command name, which may itself hold spaces. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.ISO_8859_1);
      int end = stat.lastIndexOf(')');
      return end < 0 ? new String[0] : stat.substring(end + 2).split(" ", -1);
    } catch (IOException e) {
      return new String[0];
    }
  }

  private static boolean isZombie(long pid) {
    String[] fields = statFields(pid);
    return fields.length == 0 || fields[0].equals("Z") || fields[0].equals("X");
  }

  private static long sessionOf(long pid) {
    String[] fields = statFields(pid);
    return fields.length > 3 ? Long.parseLong(fields[3]) : -1;
  }

  private static long userOf(long pid) {
    // Bytes, not lines, and only the start of the file: every process of the machine is read at
    // each child's start. The Uid line follows seven short ones (the name, at most 64 bytes once
    // escaped, among them), well within the first STATUS_START bytes.
    byte[] status = new byte[STATUS_START];
    int length;
    try (InputStream in = Files.newInputStream(PROC.resolve(pid + "/status"))) {
      length = in.readNBytes(status, 0, status.length);
    } catch (IOException e) {
      return -1; // the process ended while it was being looked at
    }
    int at = indexOf(status, length, UID);
    if (at < 0) {
      return -1;
    }
    int i = at + UID.length;
    while (i < length && (status[i] == ' ' || status[i] == '\t')) {
      i++;
    }
    long uid = -1;
    for (; i < length && status[i] >= '0' && status[i] <= '9'; i++) {
      uid = (uid < 0 ? 0 : uid * 10) + (status[i] - '0');
    }
    return uid;
  }

  /** Where {@code needle} starts in the first {@code length} of {@code bytes}, or -1. */
  private static int indexOf(byte[] bytes, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
