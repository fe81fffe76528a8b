package io.blockyard.api.lightning;

import java.util.Map;

/** The names and labels of everything a LightningNode owns or keeps, in one place. */
public record LightningNames(String node, String namespace) {
  public static final String NODE_LABEL = "blockyard.io/lightning-node";
  /** lnd's ports in the pods the operator runs. */
  public static final int REST_PORT = 8080;
  public static final int GRPC_PORT = 10009;
  public static final int P2P_PORT = 9735;
  /** Keys of the connection Secret ({@link #connectionSecret()}), as applications and the CLI read them. */
  public static final String REST_URL_KEY = "rest.url";
  public static final String GRPC_HOST_KEY = "grpc.host";
  public static final String TLS_CERT_KEY = "tls.cert";
  public static final String ADMIN_MACAROON_KEY = "admin.macaroon";
  public static final String READONLY_MACAROON_KEY = "readonly.macaroon";
  public static final String INVOICE_MACAROON_KEY = "invoice.macaroon";
  public static final String URI_KEY = "uri";
  public static final String COMPONENT = "lightning-node";
  /** Selects what the operator made for Lightning nodes: its informers cache only these. */
  public static final String OWN_SELECTOR = "app.kubernetes.io/managed-by=blockyard,app.kubernetes.io/component="
      + COMPONENT;

  public static LightningNames of(LightningNode n) {
    return new LightningNames(n.getMetadata().getName(), n.getMetadata().getNamespace());
  }

  /** The StatefulSet (one replica); "-lnd" keeps it apart from a BitcoinNetwork's StatefulSet of the same name. */
  public String statefulSet() {
    return node + "-lnd";
  }

  public String pod() {
    return statefulSet() + "-0";
  }

  /** Headless Service: the pod's stable DNS name, and the name applications connect to. */
  public String service() {
    return node + "-lnd";
  }

  public String podDnsName() {
    return pod() + "." + service() + "." + namespace + ".svc.cluster.local";
  }

  public String serviceDnsName() {
    return service() + "." + namespace + ".svc";
  }

  public String tlsSecret() {
    return node + "-lnd-tls";
  }

  public String connectionSecret() {
    return node + "-lnd-connection";
  }

  /** The NetworkPolicy that keeps REST and gRPC to the operator and its clients. */
  public String networkPolicy() {
    return node + "-lnd";
  }

  public String defaultSeedSecret() {
    return node + "-lnd-seed";
  }

  public String defaultWalletSecret() {
    return node + "-lnd-wallet";
  }

  public Map<String, String> selector() {
    return Map.of(NODE_LABEL, node, "app.kubernetes.io/component", COMPONENT);
  }

  public Map<String, String> labels() {
    return Map.of(NODE_LABEL, node, "app.kubernetes.io/component", COMPONENT, "app.kubernetes.io/name", "lnd",
        "app.kubernetes.io/instance", node, "app.kubernetes.io/managed-by", "blockyard");
  }
}
