package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.lnd.ChannelPoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForceCloseTest {
  static final ChannelPoint POINT = ChannelPoint.parse("ab".repeat(32) + ":1");

  static LightningNode nodeOn(String chain) {
    LightningNode node = new LightningNode();
    node.getMetadata().setName("payments");
    node.getMetadata().setLabels(Map.of(LightningNodeReconciler.CHAIN_LABEL, chain));
    return node;
  }

  static LightningChannel channel(Map<String, String> annotations) {
    LightningChannel channel = new LightningChannel();
    channel.getMetadata().setName("c");
    channel.getMetadata().setAnnotations(annotations);
    return channel;
  }

  @Test
  void onTestChainsNoAcknowledgementIsNeeded() {
    assertThat(ForceClose.acknowledged(channel(Map.of()), nodeOn("regtest"), POINT)).isTrue();
    assertThat(ForceClose.acknowledged(channel(Map.of()), nodeOn("simnet"), POINT)).isTrue();
  }

  @Test
  void offTestChainsTheAnnotationMustNameThisChannelPoint() {
    assertThat(ForceClose.acknowledged(channel(Map.of()), nodeOn("mainnet"), POINT)).isFalse();
    assertThat(ForceClose.acknowledged(channel(Map.of(ForceClose.ANNOTATION, "cd".repeat(32) + ":0")),
        nodeOn("signet"), POINT)).isFalse();
    assertThat(ForceClose.acknowledged(channel(Map.of(ForceClose.ANNOTATION, POINT.toString())), nodeOn("mainnet"),
        POINT)).isTrue();
    assertThat(ForceClose.howToAcknowledge(nodeOn("mainnet"), POINT))
        .contains("kubectl annotate lnchan <name> blockyard.io/force-close=" + POINT);
  }
}
