package io.blockyard.testbed.controlplane;

import io.blockyard.testbed.HostProcess;
import io.blockyard.testbed.Ports;
import io.blockyard.testbed.Programs;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane as local processes: etcd, kube-apiserver (RBAC, service-account token signing,
 * generated certificates) and kube-controller-manager (StatefulSets, garbage collection, endpoint slices, ...).
 */
public final class ControlPlane implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ControlPlane.class);
  /**
   * Where everything lives and which ports it takes: etcd on loopback, the API server on {@code address} (the
   * host's end of the node's link, so that pods reach it too).
   */
  public record Config(Path dir, String address, int etcdClientPort, int etcdPeerPort, int apiServerPort,
      String serviceCidr, String kubernetesServiceIp) {
    /** An API server on loopback alone (no node), for tests that need only admission. */
    public static Config withFreePorts(Path dir) {
      return new Config(dir, "127.0.0.1", Ports.free(), Ports.free(), Ports.free(), "10.96.0.0/16", "10.96.0.1");
    }

    Path kubeconfig() {
      return dir.resolve("admin.kubeconfig");
    }
  }

  private final Config config;
  private final List<HostProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Certificates certs;

  public ControlPlane(Config config) {
    this.config = config;
  }

  public ControlPlane start(Programs programs) {
    programs.ensure("etcd", "kubernetes");
    Ports.requireFree(config.etcdClientPort(), "etcd client");
    Ports.requireFree(config.etcdPeerPort(), "etcd peer");
    Ports.requireFree(config.address(), config.apiServerPort(), "kube-apiserver");
    try {
      Files.createDirectories(config.dir());
      certs = Certificates.ensure(config.dir().resolve("pki"),
          List.of("IP:127.0.0.1", "DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default",
              "DNS:kubernetes.default.svc", "DNS:kubernetes.default.svc.cluster.local",
              "IP:" + config.kubernetesServiceIp(), "IP:" + config.address()));
      writeKubeconfig();
      startEtcd(programs);
      startApiServer(programs);
      waitForApiServer(Duration.ofSeconds(90));
      startControllerManager(programs);
      startScheduler(programs);
      LOG.info("control plane up at {} (kubeconfig {})", apiServerUrl(), config.kubeconfig());
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
  }

  private void startEtcd(Programs programs) {
    Path data = config.dir().resolve("etcd");
    String client = "http://127.0.0.1:" + config.etcdClientPort();
    String peer = "http://127.0.0.1:" + config.etcdPeerPort();
    processes.add(HostProcess.start("etcd", List.of(programs.binary("etcd", "etcd").toString(),
        "--name=blockyard", "--data-dir=" + data,
        "--listen-client-urls=" + client, "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=blockyard=" + peer, "--unsafe-no-fsync=true",
        "--quota-backend-bytes=2147483648"), log("etcd"), Map.of("ETCD_UNSUPPORTED_ARCH", "")));
  }

  private void startApiServer(Programs programs) {
    Path kubeletClient = certs.issueClient("apiserver-kubelet-client",
        "/O=system:masters/CN=kube-apiserver-kubelet-client");
    // An API server on loopback alone serves no pods, and may not publish a loopback address as the kubernetes
    // Service's endpoint.
    List<String> endpoints = config.address().startsWith("127.") ? List.of("--endpoint-reconciler-type=none")
        : List.of();
    processes.add(HostProcess.start("kube-apiserver", Shell.concat(List.of(
        programs.binary("kubernetes", "kube-apiserver").toString(),
        "--etcd-servers=http://127.0.0.1:" + config.etcdClientPort(),
        "--bind-address=" + config.address(), "--secure-port=" + config.apiServerPort(),
        // The kubernetes Service's endpoint: pods reach the API server through the node's route to the host.
        "--advertise-address=" + config.address(),
        "--tls-cert-file=" + certs.file("apiserver.crt"), "--tls-private-key-file=" + certs.file("apiserver.key"),
        "--client-ca-file=" + certs.caCert(),
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + certs.file("sa.pub"),
        "--service-account-signing-key-file=" + certs.file("sa.key"),
        "--authorization-mode=Node,RBAC", "--service-cluster-ip-range=" + config.serviceCidr(),
        // Built-in objects stored as protobuf, the API server's default (custom resources are JSON either way): at
        // a fleet's start JSON storage made every pod status and event write cost more.
        "--allow-privileged=true",
        // logs, exec and port-forward go to the kubelet at the Node's InternalIP (its name does not resolve), with
        // a client certificate the kubelet trusts, and the kubelet's serving certificate is checked.
        "--kubelet-preferred-address-types=InternalIP",
        "--kubelet-client-certificate=" + kubeletClient, "--kubelet-client-key=" + certs.file("apiserver-kubelet-client.key"),
        "--kubelet-certificate-authority=" + certs.caCert(),
        "--cert-dir=" + config.dir().resolve("apiserver-certs")), endpoints.toArray(String[]::new)),
        log("kube-apiserver"), Map.of()));
  }

  private void startControllerManager(Programs programs) {
    String kubeconfig = config.kubeconfig().toString();
    processes.add(HostProcess.start("kube-controller-manager", List.of(
        programs.binary("kubernetes", "kube-controller-manager").toString(),
        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--secure-port=0", "--leader-elect=false",
        "--use-service-account-credentials=true",
        "--service-account-private-key-file=" + certs.file("sa.key"), "--root-ca-file=" + certs.caCert(),
        // Node lifecycle takes the not-ready taint off a node once it is Ready. No node IPAM (the CNI configuration
        // hands out the pod addresses); the cloud controllers do not start without a cloud provider.
        "--controllers=*,-nodeipam,-bootstrap-signer-controller,-token-cleaner-controller",
        "--concurrent-statefulset-syncs=5"), log("kube-controller-manager"), Map.of()));
  }

  private void startScheduler(Programs programs) {
    String kubeconfig = config.kubeconfig().toString();
    processes.add(HostProcess.start("kube-scheduler", List.of(
        programs.binary("kubernetes", "kube-scheduler").toString(),
        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--secure-port=0", "--leader-elect=false"),
        log("kube-scheduler"), Map.of()));
  }

  private void waitForApiServer(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingCa()).connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      for (HostProcess p : processes) {
        p.checkAlive();
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apiServerUrl() + "/readyz"))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 || r.statusCode() == 401 || r.statusCode() == 403) {
          return;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestbedException("interrupted while waiting for kube-apiserver");
      }
      sleep(300);
    }
    throw new TestbedException("kube-apiserver did not become ready within " + timeout.toSeconds() + " s (" + last
        + "); see " + log("kube-apiserver"));
  }

  private SSLContext trustingCa() {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      X509Certificate ca;
      try (var in = Files.newInputStream(certs.caCert())) {
        ca = (X509Certificate) cf.generateCertificate(in);
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new TestbedException("cannot load the test bed CA " + certs.caCert() + ": " + e.getMessage(), e);
    }
  }

  private void writeKubeconfig() throws IOException {
    Base64.Encoder b64 = Base64.getEncoder();
    Files.writeString(config.kubeconfig(), kubeconfig("blockyard-admin", "default",
        "client-certificate-data: " + b64.encodeToString(Files.readAllBytes(certs.file("admin.crt"))),
        "client-key-data: " + b64.encodeToString(Files.readAllBytes(certs.file("admin.key")))));
  }

  /** A kubeconfig for a client certificate signed by the test bed's CA (the kubelet's, kube-proxy's). */
  public Path writeCertKubeconfig(String name, String subject) {
    Path cert = certs.issueClient(name, subject);
    return writeKubeconfig(name, kubeconfig(name, "default", "client-certificate: " + cert,
        "client-key: " + certs.file(name + ".key")));
  }

  public Certificates certificates() {
    return certs;
  }

  /** A kubeconfig for a service account's bearer token, so a program runs with only that account's RBAC. */
  public Path writeTokenKubeconfig(String name, String token, String namespace) {
    return writeKubeconfig(name, kubeconfig(name, namespace, "token: " + token));
  }

  private Path writeKubeconfig(String name, String yaml) {
    Path file = config.dir().resolve(name + ".kubeconfig");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** One cluster (this API server, its CA embedded), one user with the given credential lines, one context. */
  private String kubeconfig(String user, String namespace, String... credentials) {
    String ca;
    try {
      ca = Base64.getEncoder().encodeToString(Files.readAllBytes(certs.caCert()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder yaml = new StringBuilder("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: blockyard
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
        """.formatted(apiServerUrl(), ca, user));
    for (String line : credentials) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.append("""
        contexts:
        - name: %s
          context:
            cluster: blockyard
            user: %s
            namespace: %s
        current-context: %s
        """.formatted(user, user, namespace, user)).toString();
  }


  public String apiServerUrl() {
    return "https://" + config.address() + ":" + config.apiServerPort();
  }

  public Path kubeconfig() {
    return config.kubeconfig();
  }

  public Path caCert() {
    return certs.caCert();
  }

  public Path log(String program) {
    return config.dir().resolve("logs").resolve(program + ".log");
  }

  /** Throws when a control-plane program has died. */
  public void checkHealthy() {
    processes.forEach(HostProcess::checkAlive);
  }

  @Override
  public void close() {
    List<HostProcess> started = new ArrayList<>(processes);
    processes.clear();
    for (int i = started.size() - 1; i >= 0; i--) {
      long t0 = System.nanoTime();
      started.get(i).close();
      LOG.info("stopped {} in {} ms", started.get(i).name(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted");
    }
  }
}
