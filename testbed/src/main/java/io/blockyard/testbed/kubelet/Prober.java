package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import io.blockyard.testbed.TrustAll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;

/** Runs a container's probes as a kubelet does: exec inside the pod's namespaces, TCP and HTTP from the host. */
final class Prober {
  private final PodSandbox sandbox;
  private final Container container;
  private final Map<String, String> env;

  Prober(PodSandbox sandbox, Container container, Map<String, String> env) {
    this.sandbox = sandbox;
    this.container = container;
    this.env = env;
  }

  boolean check(Probe probe, long pid) {
    int timeout = probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds();
    if (probe.getExec() != null) {
      return exec(probe.getExec().getCommand(), pid, timeout);
    }
    if (probe.getTcpSocket() != null) {
      String host = probe.getTcpSocket().getHost() != null ? probe.getTcpSocket().getHost() : sandbox.ip();
      return tcp(host, port(probe.getTcpSocket().getPort()), timeout);
    }
    if (probe.getHttpGet() != null) {
      var get = probe.getHttpGet();
      String host = get.getHost() != null ? get.getHost() : sandbox.ip();
      String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
      String path = get.getPath() == null ? "/" : get.getPath();
      return http(URI.create(scheme + "://" + host + ":" + port(get.getPort()) + path), timeout);
    }
    return false;
  }

  private boolean exec(List<String> command, long pid, int timeoutSeconds) {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/nsenter", "-t", String.valueOf(pid), "-n", "-m", "-u",
        "--"));
    PodSandbox.RunAs runAs = sandbox.runAs();
    if (!runAs.isRoot()) {
      long gid = runAs.gid() != null ? runAs.gid() : runAs.uid();
      argv.addAll(List.of("/usr/bin/setpriv", "--reuid=" + runAs.uid(), "--regid=" + gid, "--clear-groups", "--"));
    }
    argv.addAll(command);
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean tcp(String host, int port, int timeoutSeconds) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutSeconds * 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean http(URI uri, int timeoutSeconds) {
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TrustAll.context())
          .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
      HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds))
          .header("User-Agent", "kube-probe/blockyard").build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() >= 200 && r.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }



  private int port(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    if (container.getPorts() != null) {
      for (ContainerPort p : container.getPorts()) {
        if (port.getStrVal().equals(p.getName())) {
          return p.getContainerPort();
        }
      }
    }
    try {
      return Integer.parseInt(port.getStrVal());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
