package io.blockyard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Reaches a port of a pod: at the pod IP where that works (inside the cluster network, or on the test bed's
 * host), through the API server's port-forward where it does not, or always through the API server when the user
 * says so ({@code --via-api-server}). Closing ends the forwards it opened.
 */
final class PodPorts implements AutoCloseable {
  private final KubernetesClient client;
  private final boolean viaApiServer;
  private final List<LocalPortForward> forwards = new ArrayList<>();

  PodPorts(KubernetesClient client, boolean viaApiServer) {
    this.client = client;
    this.viaApiServer = viaApiServer;
  }

  /** Host and port that lead to {@code port} of {@code pod}; {@code ip} may be null (then it forwards). */
  InetSocketAddress reach(String namespace, String pod, String ip, int port) {
    if (!viaApiServer && ip != null && reachable(ip, port)) {
      return InetSocketAddress.createUnresolved(ip, port);
    }
    LocalPortForward forward = client.pods().inNamespace(namespace).withName(pod).portForward(port);
    forwards.add(forward);
    return InetSocketAddress.createUnresolved("127.0.0.1", forward.getLocalPort());
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (LocalPortForward f : forwards) {
      try {
        f.close();
      } catch (IOException ignored) {
        // closing a forward that already ended
      }
    }
  }
}
