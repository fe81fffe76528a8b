package io.blockyard.api.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** The operator patches resources it builds from these classes (its finalizer); they must carry no spec values. */
class LightningModelTest {
  @Test
  void anEmptyChannelSerializesWithoutSpecValues() {
    String json = Serialization.asJson(new LightningChannel());
    assertThat(json).doesNotContain("pushSat").doesNotContain("fund").doesNotContain("private")
        .doesNotContain("forceClose");
  }
}
