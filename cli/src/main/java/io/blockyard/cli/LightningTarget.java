package io.blockyard.cli;

import io.blockyard.api.lightning.LightningNames;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.TlsTrust;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * A LightningNode as the plugin sees it: the resource and its connection Secret. lnd's REST server is reached at
 * the pod IP where that works and through the API server's port-forward where it does not.
 */
final class LightningTarget implements AutoCloseable {
  static final int REST_PORT = LightningNames.REST_PORT;

  private final KubernetesClient client;
  private final LightningNode node;
  private final LndConnection connection;
  private final PodPorts ports;

  private LightningTarget(KubernetesClient client, PodPorts ports, LightningNode node, LndConnection connection) {
    this.client = client;
    this.node = node;
    this.connection = connection;
    this.ports = ports;
  }

  static LightningTarget load(KubernetesClient client, PodPorts ports, String namespace, String name) {
    LightningNode node = client.resources(LightningNode.class).inNamespace(namespace).withName(name).get();
    if (node == null) {
      throw new IllegalArgumentException("no LightningNode \"" + name + "\" in namespace \"" + namespace
          + "\" (kubectl get lnnode -A lists them)");
    }
    String secretName = LndConnection.secretName(name);
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    if (secret == null) {
      throw new IllegalStateException(notReady(namespace, name,
          "its connection Secret " + secretName + " does not exist"));
    }
    return new LightningTarget(client, ports, node, LndConnection.of(secret));
  }

  /** What to say when the operator has not finished a node: what is missing and where to look. */
  static String notReady(String namespace, String name, String what) {
    return "LightningNode " + name + " in namespace " + namespace + " is not ready yet: " + what
        + "; kubectl get lnnode " + name + " -n " + namespace + " shows why";
  }

  LightningNode node() {
    return node;
  }

  String namespace() {
    return node.getMetadata().getNamespace();
  }

  String name() {
    return node.getMetadata().getName();
  }

  LndConnection connection() {
    return connection;
  }

  /** A client for the node's lnd calling with {@code macaroon}, over the pod IP or a port-forward. */
  LndNode connect(LndConnection.Macaroon macaroon) {
    String podName = new LightningNames(name(), namespace()).pod();
    Pod pod = client.pods().inNamespace(namespace()).withName(podName).get();
    if (pod == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
      throw new IllegalStateException(notReady(namespace(), name(), "its pod " + podName
          + (pod == null ? " does not exist" : " has no IP yet")));
    }
    InetSocketAddress address = ports.reach(namespace(), podName, pod.getStatus().getPodIP(), REST_PORT);
    String cert = connection.tlsCertPem();
    // The certificate names the Service, not the pod IP (nor 127.0.0.1 when forwarded): pin it, skip the name.
    LndEndpoint endpoint = LndEndpoint.of(address.getHostString(), address.getPort(), cert)
        .withTls(TlsTrust.pinnedIgnoringHostname(cert)).withMacaroon(connection.macaroonHex(macaroon));
    return new LndNode(endpoint);
  }

  /** Identity public key to name, for the LightningNodes of this namespace; empty if they cannot be listed. */
  Map<String, String> nodeNamesByPubkey() {
    Map<String, String> names = new HashMap<>();
    try {
      for (LightningNode other : client.resources(LightningNode.class).inNamespace(namespace()).list().getItems()) {
        if (other.getStatus() != null && other.getStatus().getIdentityPubkey() != null) {
          names.put(other.getStatus().getIdentityPubkey(), other.getMetadata().getName());
        }
      }
    } catch (KubernetesClientException e) {
      // Names are a convenience: without list rights the table shows keys only.
    }
    return names;
  }

  @Override
  public void close() {
    ports.close();
  }
}
