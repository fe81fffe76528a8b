package io.blockyard.testbed.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContainerLogTest {
  static final String FILE = """
      ---- 2026-11-21T08:00:00Z start #0: sh -c run
      first run, line 1
      first run, line 2
      ---- 2026-11-21T08:00:02Z start #1: sh -c run
      second run, line 1
      second run, line 2
      second run, line 3
      """;

  static String select(String file, boolean previous, Integer tail, Long limit) {
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    ContainerLog.Run run = ContainerLog.run(bytes, previous);
    return run == null ? null : new String(ContainerLog.select(bytes, run, tail, limit), StandardCharsets.UTF_8);
  }

  @Test
  void theCurrentRunIsTheOutputAfterTheLastStartLine() {
    assertThat(select(FILE, false, null, null)).isEqualTo("second run, line 1\nsecond run, line 2\nsecond run, line 3\n");
  }

  @Test
  void thePreviousRunIsTheOutputBetweenTheLastTwoStartLines() {
    assertThat(select(FILE, true, null, null)).isEqualTo("first run, line 1\nfirst run, line 2\n");
  }

  @Test
  void aContainerThatRanOnceHasNoPreviousRun() {
    assertThat(select("---- 2026-11-21T08:00:00Z start #0: x\nonly\n", true, null, null)).isNull();
    assertThat(select("", false, null, null)).isNull();
  }

  @Test
  void tailLinesAndLimitBytesCutTheRun() {
    assertThat(select(FILE, false, 2, null)).isEqualTo("second run, line 2\nsecond run, line 3\n");
    assertThat(select(FILE, false, 10, null)).isEqualTo("second run, line 1\nsecond run, line 2\nsecond run, line 3\n");
    assertThat(select(FILE, false, 0, null)).isEmpty();
    assertThat(select(FILE, true, 1, null)).isEqualTo("first run, line 2\n");
    assertThat(select(FILE, false, 1, 6L)).isEqualTo("second");
    assertThat(select("---- t start #0: x\nno newline at the end", false, 1, null)).isEqualTo("no newline at the end");
  }

  @Test
  void aFollowEndsWhereTheNextRunStarts() {
    byte[] appended = "more output\n---- 2026-11-21T08:00:09Z start #2: sh -c run\nthird\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(ContainerLog.nextStart(appended)).isEqualTo("more output\n".length());
    assertThat(ContainerLog.nextStart("plain ---- output\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
  }
}
