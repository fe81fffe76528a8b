package io.blockyard.api.bitcoin;

import java.util.Map;

/** The names and labels of everything a BitcoinNetwork owns, in one place. */
public record NetworkNames(String network, String namespace) {
  public static final String NETWORK_LABEL = "blockyard.io/network";
  public static final String COMPONENT = "bitcoin-node";
  /** Selects what the operator made for networks: its informers cache only these. */
  public static final String OWN_SELECTOR = "app.kubernetes.io/managed-by=blockyard,app.kubernetes.io/component="
      + COMPONENT;
  /** Keys of the connection Secret ({@link #connectionSecret()}), as applications and the CLI read them. */
  public static final String URL_KEY = "url";
  public static final String HOST_KEY = "host";
  public static final String PORT_KEY = "port";
  public static final String USER_KEY = "user";
  public static final String PASSWORD_KEY = "password";
  public static final String IMPLEMENTATION_KEY = "implementation";
  public static final String CHAIN_KEY = "chain";
  /** Only when the RPC server has TLS: the CA its certificate chains to. */
  public static final String CA_KEY = "ca.crt";

  public static NetworkNames of(BitcoinNetwork n) {
    return new NetworkNames(n.getMetadata().getName(), n.getMetadata().getNamespace());
  }

  /** The StatefulSet; its pods are {@code <network>-<ordinal>}. */
  public String statefulSet() {
    return network;
  }

  public String pod(int ordinal) {
    return network + "-" + ordinal;
  }

  /** Headless Service that gives each pod a stable DNS name. */
  public String headlessService() {
    return network + "-nodes";
  }

  /** Service applications connect to. */
  public String clientService() {
    return network;
  }

  public String generatedCredentialsSecret() {
    return network + "-rpc-credentials";
  }

  /** Bitcoin Core's rpcauth line (a salted hash of the RPC password), made by the operator. */
  public String rpcAuthSecret() {
    return network + "-rpcauth";
  }

  public String configMap() {
    return network + "-config";
  }

  public String connectionSecret() {
    return network + "-connection";
  }

  /** The NetworkPolicy that keeps RPC to the operator and its clients. */
  public String networkPolicy() {
    return network;
  }

  public String podDnsName(int ordinal) {
    return pod(ordinal) + "." + headlessService() + "." + namespace + ".svc.cluster.local";
  }

  public Map<String, String> selector() {
    return Map.of(NETWORK_LABEL, network, "app.kubernetes.io/component", COMPONENT);
  }

  /** The selector as the scale subresource wants it. */
  public String selectorString() {
    return NETWORK_LABEL + "=" + network + ",app.kubernetes.io/component=" + COMPONENT;
  }

  public Map<String, String> labels(String implementation) {
    return Map.of(NETWORK_LABEL, network, "app.kubernetes.io/component", COMPONENT,
        "app.kubernetes.io/name", implementation, "app.kubernetes.io/instance", network,
        "app.kubernetes.io/managed-by", "blockyard");
  }
}
