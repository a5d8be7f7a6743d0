package org.cnngrader.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.cnngrader.classroom.ClassroomResult;
import org.junit.jupiter.api.Test;

/** A layer's file stays small enough for the environment variable the reporter reads it from. */
class ClassroomResultsTest {

  private static ClassroomResult withMessages(int tests, int messageLength) {
    List<ClassroomResult.Test> list = new ArrayList<>();
    for (int i = 0; i < tests; i++) {
      list.add(new ClassroomResult.Test("part " + i, "fail", 0, "m".repeat(messageLength), 0));
    }
    return new ClassroomResult(1, "fail", tests, list);
  }

  @Test
  void keepsTheMessagesWhileTheFileFitsItsBudget() throws Exception {
    byte[] bytes = ClassroomResults.bytes(withMessages(60, 200));

    assertThat(bytes.length).isLessThanOrEqualTo(ClassroomResults.FILE_BUDGET);
    assertThat(new ObjectMapper().readTree(bytes).get("tests").get(0).get("message").asText())
        .hasSize(200);
  }

  @Test
  void dropsTheMessagesAndKeepsThePointsWhenTheyWouldNot() throws Exception {
    byte[] bytes = ClassroomResults.bytes(withMessages(600, 200));

    assertThat(bytes.length).isLessThanOrEqualTo(ClassroomResults.FILE_BUDGET);
    var tests = new ObjectMapper().readTree(bytes).get("tests");
    assertThat(tests).hasSize(600);
    assertThat(tests.get(599).has("message")).isFalse();
    assertThat(tests.get(599).get("name").asText()).isEqualTo("part 599");
  }
}
