package org.cnngrader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two children given one user id kill each other: every process of a child's id is killed when the
 * child ends. Graders side by side on one machine (the shards of a CI job) share the block of ids,
 * so an id is lent to one child of one grader at a time.
 */
class UserIdsTest {

  @TempDir Path locks;

  @Test
  void twoGradersInOneJvmNeverLendOneIdTwice() throws Exception {
    UserIds first = new UserIds(locks, 0);
    UserIds second = new UserIds(locks, 0);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch ready = new CountDownLatch(2);
    try {
      Future<List<UserLease>> a = threads.submit(() -> leaseMany(first, 30, ready));
      Future<List<UserLease>> b = threads.submit(() -> leaseMany(second, 30, ready));
      List<UserLease> all = new ArrayList<>(a.get(30, TimeUnit.SECONDS));
      all.addAll(b.get(30, TimeUnit.SECONDS));
      Set<Integer> ids = new HashSet<>();
      all.forEach(lease -> ids.add(lease.id()));
      assertThat(ids)
          .hasSize(60)
          .allMatch(id -> id >= UserIds.FIRST_ID && id < UserIds.FIRST_ID + UserIds.IDS);
      all.forEach(UserLease::close);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anIdIsLentAgainOnceReleased() throws Exception {
    UserLease lease = new UserIds(locks, 7).lease();
    assertThat(lease.id()).isEqualTo(UserIds.FIRST_ID + 7);
    try (UserLease next = new UserIds(locks, 7).lease()) {
      assertThat(next.id()).isEqualTo(UserIds.FIRST_ID + 8);
    }
    lease.close();
    lease.close();
    try (UserLease again = new UserIds(locks, 7).lease()) {
      assertThat(again.id()).isEqualTo(UserIds.FIRST_ID + 7);
    }
  }

  @Test
  void aVacatedIdStaysWithItsGraderForTheNextChild() throws Exception {
    UserIds ids = new UserIds(locks, 5);
    UserLease first = ids.lease();
    assertThat(first.id()).isEqualTo(UserIds.FIRST_ID + 5);
    first.vacated();
    first.close();
    first.close();

    // Still locked by this grader: another one skips it.
    try (UserLease other = new UserIds(locks, 5).lease()) {
      assertThat(other.id()).isEqualTo(UserIds.FIRST_ID + 6);
    }
    UserLease again = ids.lease();
    assertThat(again.id()).isEqualTo(UserIds.FIRST_ID + 5);
    // Not vacated this time: given back to the block, and this grader goes on round the block.
    again.close();
    try (UserLease next = ids.lease()) {
      assertThat(next.id()).isEqualTo(UserIds.FIRST_ID + 6);
    }
    try (UserLease other = new UserIds(locks, 5).lease()) {
      assertThat(other.id()).isEqualTo(UserIds.FIRST_ID + 5);
    }
  }

  @Test
  void anIdHeldByAnotherGraderProcessIsSkippedUntilThatGraderEnds() throws Exception {
    Process other = holder(3);
    try {
      BufferedReader out = output(other);
      List<Integer> held = new ArrayList<>();
      for (String line = out.readLine(); !"holding".equals(line); line = out.readLine()) {
        assertThat(line).as("the other grader's output").isNotNull();
        held.add(Integer.parseInt(line));
      }
      assertThat(held)
          .containsExactly(UserIds.FIRST_ID, UserIds.FIRST_ID + 1, UserIds.FIRST_ID + 2);

      try (UserLease mine = new UserIds(locks, 0).lease()) {
        assertThat(mine.id()).isEqualTo(UserIds.FIRST_ID + 3);
      }

      other.getOutputStream().close();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (UserLease mine = new UserIds(locks, 0).lease()) {
        assertThat(mine.id()).isEqualTo(UserIds.FIRST_ID);
      }
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void aGraderKilledWhileHoldingIdsGivesThemBack() throws Exception {
    Process other = holder(1);
    try {
      BufferedReader out = output(other);
      assertThat(out.readLine()).isEqualTo(Integer.toString(UserIds.FIRST_ID));
      try (UserLease mine = new UserIds(locks, 0).lease()) {
        assertThat(mine.id()).isEqualTo(UserIds.FIRST_ID + 1);
      }
    } finally {
      other.destroyForcibly();
      other.waitFor(30, TimeUnit.SECONDS);
    }
    try (UserLease mine = new UserIds(locks, 0).lease()) {
      assertThat(mine.id()).isEqualTo(UserIds.FIRST_ID);
    }
  }

  /** Another grader's JVM holding {@code count} ids of the block from its start. */
  private Process holder(int count) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            UserIdsHolder.class.getName(),
            locks.toString(),
            "0",
            Integer.toString(count))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static BufferedReader output(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  private static List<UserLease> leaseMany(UserIds ids, int count, CountDownLatch ready)
      throws Exception {
    ready.countDown();
    ready.await();
    List<UserLease> leases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      leases.add(ids.lease());
    }
    return leases;
  }
}
