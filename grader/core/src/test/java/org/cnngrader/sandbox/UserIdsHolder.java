package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second grader for {@link UserIdsTest}: leases {@code count} ids from the block in {@code
 * folder}, starting at {@code start}, prints them, and holds them until its standard input closes.
 */
public final class UserIdsHolder {

  private UserIdsHolder() {}

  public static void main(String[] args) throws IOException {
    UserIds ids = new UserIds(Path.of(args[0]), Integer.parseInt(args[1]));
    List<UserLease> held = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
      held.add(ids.lease());
    }
    held.forEach(lease -> System.out.println(lease.id()));
    System.out.println("holding");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Holds the leases until the test closes the pipe.
    }
    held.forEach(UserLease::close);
  }
}
