package io.blockyard.api.bitcoin;

/** The condition types on a BitcoinNetwork's status, as the operator writes them and the CLI reads them. */
public enum NetworkConditionType {
  /** True when as many nodes are ready as {@code spec.replicas} asks for. */
  READY("Ready"),
  /** True when every ready node has every other ready node on its added-node list. */
  MESHED("Meshed"),
  /** True when every ready node answers and all are at the same height. */
  SYNCED("Synced"),
  /** Only on a btcd regtest network with storage: False, since btcd wipes that chain at every start. */
  CHAIN_KEPT("ChainKept");

  private final String type;

  NetworkConditionType(String type) {
    this.type = type;
  }

  /** The condition's {@code type} as it appears in status. */
  public String type() {
    return type;
  }
}
