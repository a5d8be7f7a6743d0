package org.cnngrader.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reading and writing the small text files control groups are made of. */
final class CgroupFiles {

  private static final int KILL_ROUNDS = 100;

  private CgroupFiles() {}

  static void write(Path file, String value) throws IOException {
    // Control files take one value per write, without truncation or a temporary file.
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }

  static long readLong(Path file) throws IOException {
    return Long.parseLong(read(file));
  }

  /** The number after {@code key} in a file of "key value" lines, e.g. memory.events. */
  static OptionalLong keyed(Path file, String key) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      String[] words = line.strip().split(" ", 2);
      if (words.length == 2 && words[0].equals(key)) {
        return OptionalLong.of(Long.parseLong(words[1].strip()));
      }
    }
    return OptionalLong.empty();
  }

  /** The process ids listed in a group's cgroup.procs. */
  static List<Long> processes(Path group) {
    return listed(group).orElse(List.of());
  }

  /** The processes in {@code group} (none once it is gone), or empty when it cannot be read. */
  private static Optional<List<Long>> listed(Path group) {
    List<Long> pids = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(group.resolve("cgroup.procs"))) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.strip()));
        }
      }
    } catch (NoSuchFileException e) {
      // The group is gone: nothing in it.
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // unreadable: nothing this grader can kill through it
    }
    return Optional.of(pids);
  }

  /**
   * Kills every process listed in {@code group}, again while new ones appear; true once the group
   * was read empty, false when it could not be read or still held processes after every round.
   */
  static boolean killListed(Path group) {
    for (int round = 0; round < KILL_ROUNDS; round++) {
      Optional<List<Long>> pids = listed(group);
      if (pids.isEmpty()) {
        return false;
      }
      if (pids.get().isEmpty()) {
        return true;
      }
      pids.get().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      pause();
    }
    return false;
  }

  /**
   * Removes a group's folder; a process that was just killed can keep it busy for a moment, so a
   * few tries are made. A folder left behind holds nothing and is removed by a later run.
   */
  static void removeFolder(Path group) {
    for (int round = 0; round < KILL_ROUNDS; round++) {
      try {
        Files.deleteIfExists(group);
        return;
      } catch (IOException e) {
        killListed(group);
        pause();
      }
    }
  }

  /**
   * Removes the empty groups an earlier run of a grader left when it was killed: folders named
   * {@code prefix + pid + "-" ...} whose grader process is gone.
   */
  static void removeAbandoned(Path parent, String prefix) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path entry : entries) {
        String rest = entry.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        try {
          long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
          if (ProcessHandle.of(pid).isEmpty() && processes(entry).isEmpty()) {
            Files.deleteIfExists(entry);
          }
        } catch (NumberFormatException | IOException e) {
          // Not one of ours, or still busy: left alone.
        }
      }
    } catch (IOException e) {
      // Nothing to tidy.
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
