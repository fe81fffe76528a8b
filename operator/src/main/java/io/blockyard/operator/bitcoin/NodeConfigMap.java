package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/** The node configuration file (no secrets in it). */
public final class NodeConfigMap {
  private NodeConfigMap() {}

  public static ConfigMap desired(BitcoinNetwork network) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    return new ConfigMapBuilder().withNewMetadata().withName(names.configMap()).withNamespace(names.namespace())
        .withLabels(names.labels(program.name())).endMetadata()
        .withData(Map.of(program.configFileName(), content(network)))
        .build();
  }

  /** The file itself: what btcd's credential files start with, and what the pods' config hash is taken of. */
  public static String content(BitcoinNetwork network) {
    return NodeProgram.of(network.getSpec().getImplementation()).config(network, MiningAddress.of(network));
  }
}
