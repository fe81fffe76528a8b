package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.lnd.ChannelPoint;
import java.util.Map;
import java.util.Set;

/**
 * A force close locks the opening node's funds for lnd's time lock and pays on-chain fees: on chains with real
 * coins it needs, besides spec.forceClose, an annotation that names the channel point, so that a copied manifest or
 * a stray edit cannot do it. Pure.
 */
public final class ForceClose {
  public static final String ANNOTATION = "blockyard.io/force-close";
  private static final Set<String> TEST_CHAINS = Set.of("regtest", "simnet");

  private ForceClose() {}

  /** @param from the opening node (the operator labels it with its chain) */
  static boolean acknowledged(LightningChannel channel, LightningNode from, ChannelPoint point) {
    Map<String, String> labels = from.getMetadata().getLabels();
    String chain = labels == null ? null : labels.get(LightningNodeReconciler.CHAIN_LABEL);
    if (chain != null && TEST_CHAINS.contains(chain)) {
      return true;
    }
    Map<String, String> annotations = channel.getMetadata().getAnnotations();
    return annotations != null && point.toString().equals(annotations.get(ANNOTATION));
  }

  static String howToAcknowledge(LightningNode from, ChannelPoint point) {
    Map<String, String> labels = from.getMetadata().getLabels();
    String chain = labels == null ? "an unknown chain" : labels.getOrDefault(LightningNodeReconciler.CHAIN_LABEL,
        "an unknown chain");
    return "spec.forceClose on " + chain + " locks the funds for lnd's time lock: to go ahead, annotate the channel "
        + "with " + ANNOTATION + "=" + point + " (kubectl annotate lnchan <name> " + ANNOTATION + "=" + point
        + "); or set spec.forceClose: false to close cooperatively";
  }
}
