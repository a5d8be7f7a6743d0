package org.cnngrader.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

  @Test
  void theTreeHoldsTheRootAndEveryProcessBelowItAsTheMachinesListDoes() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    // A shell whose children start from another thread would be missed by a walk of the main
    // thread's children alone: a JVM's processes start from whichever thread asks.
    Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & (sleep 30 & wait) & wait").start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<Long> walked = List.of();
      while (System.nanoTime() < deadline) {
        walked = ProcessTree.of(shell.toHandle()).map(ProcessHandle::pid).sorted().toList();
        if (walked.size() >= 4) {
          break;
        }
        Thread.sleep(20);
      }
      List<Long> listed =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of(shell.toHandle()), shell.toHandle().descendants())
              .map(ProcessHandle::pid)
              .sorted()
              .toList();

      assertThat(walked).hasSize(4).isEqualTo(listed).contains(shell.pid());
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
      shell.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessFromAnotherThreadIsInTheTree() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    Process[] started = new Process[1];
    Thread starter =
        new Thread(
            () -> {
              try {
                started[0] = new ProcessBuilder("sleep", "30").start();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    starter.start();
    starter.join();
    try {
      // The thread that started it has ended: the kernel hands its child to another thread of this
      // process as the thread's exit completes, which may be just after join() returns.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      List<Long> walked = List.of();
      while (System.nanoTime() < deadline) {
        walked = ProcessTree.of(ProcessHandle.current()).map(ProcessHandle::pid).toList();
        if (walked.contains(started[0].pid())) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(walked).contains(started[0].pid());
    } finally {
      started[0].destroyForcibly();
      started[0].waitFor(5, TimeUnit.SECONDS);
    }
  }
}
