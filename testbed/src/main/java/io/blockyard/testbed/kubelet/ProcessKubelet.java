package io.blockyard.testbed.kubelet;

import io.blockyard.testbed.TestbedException;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kubelet that runs pods as local processes: it registers a Node, binds unscheduled pods to it, runs each pod in
 * its own network namespace with real volumes, probes it, writes real pod status, and stops it on deletion.
 * Test infrastructure only: it is not part of the operator.
 */
public final class ProcessKubelet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);

  /**
   * @param networkPrefix the start of every bridge, veth and namespace name (at most 6 characters)
   * @param podCidr a /24 for pod addresses; the bridge takes its first address
   */
  public record Config(String nodeName, Path stateDir, String networkPrefix, String podCidr, ImageTable images) {}

  private final KubernetesClient client;
  private final Config config;
  private final PodNetwork network;
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Map<String, String> lastWritten = new ConcurrentHashMap<>();
  private final java.util.Set<String> deleting = ConcurrentHashMap.newKeySet();
  private final MountPoints mountPoints = new MountPoints();
  /** Its own lock: pod workers rewrite hosts files while {@link #close()} holds the kubelet's monitor. */
  private final Object hostsLock = new Object();
  private ScheduledExecutorService scheduler;
  private ExecutorService pool;
  private NodeServices services;
  private ClaimStorage claims;
  private StreamingServer streaming;

  public ProcessKubelet(KubernetesClient client, Config config) {
    this.client = client;
    this.config = config;
    this.network = new PodNetwork(config.networkPrefix(), config.podCidr());
  }

  public ProcessKubelet start() {
    requireRoot();
    try {
      Path podsDir = config.stateDir().resolve("pods");
      Path logsDir = logsDir();
      Path claimsDir = config.stateDir().resolve("volumes");
      Files.createDirectories(podsDir);
      Files.createDirectories(logsDir);
      Path entry = config.stateDir().resolve("container-entry.sh");
      try (InputStream in = ProcessKubelet.class.getResourceAsStream("container-entry.sh")) {
        Files.write(entry, Objects.requireNonNull(in, "container-entry.sh resource").readAllBytes());
      }
      network.createBridge();
      scheduler = Executors.newScheduledThreadPool(4, daemon("kubelet-timer"));
      pool = Executors.newCachedThreadPool(daemon("kubelet-pod"));
      services = new NodeServices(client, config.nodeName(), network, new PodVolumes(client, claimsDir),
          config.images(), mountPoints, podsDir, logsDir, entry, scheduler, pool, this::writeHostsFiles);
      claims = new ClaimStorage(client, claimsDir, config.nodeName());
      // On the node's InternalIP, where kube-apiserver calls it (--kubelet-preferred-address-types=InternalIP).
      streaming = StreamingServer.start(config.stateDir().resolve("pki"), config.nodeName(), network.gateway(),
          this::runningPodIp, new StreamingServer.LogFiles() {
            @Override
            public Path logFile(String namespace, String pod, String container) {
              PodWorker w = worker(namespace, pod);
              return w == null ? null : w.logFile(container);
            }

            @Override
            public boolean running(String namespace, String pod, String container) {
              PodWorker w = worker(namespace, pod);
              return w != null && w.containerRunning(container);
            }
          });
      registerNode();
      informers.add(client.persistentVolumeClaims().inAnyNamespace().inform(handler(claims::provision), 30_000));
      informers.add(client.persistentVolumes().inform(handler(claims::reclaim), 30_000));
      informers.add(client.pods().inAnyNamespace().inform(new PodEvents(), 30_000));
      scheduler.scheduleWithFixedDelay(this::writeStatuses, 200, 200, TimeUnit.MILLISECONDS);
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public Path logsDir() {
    return config.stateDir().resolve("logs");
  }

  /** Where a running pod's emptyDir volume lives on the host (for tests that inspect what a node wrote). */
  public Path podVolume(String podUid, String volume) {
    return config.stateDir().resolve("pods").resolve(podUid).resolve("volumes").resolve(volume);
  }

  public String nodeName() {
    return config.nodeName();
  }

  public String gatewayIp() {
    return network.gateway();
  }

  /** The port of the kubelet's streaming server (port-forward), as the Node's daemon endpoint announces it. */
  public int streamingPort() {
    return streaming.port();
  }

  /** How many port-forward connections the API server has opened to this kubelet, for tests that need to know. */
  public long portForwardConnections() {
    return streaming.portForwardConnections();
  }

  private String runningPodIp(String namespace, String name) {
    String key = namespace + "/" + name;
    for (PodWorker w : workers.values()) {
      if (w.key().equals(key) && !w.isTerminating() && w.ip() != null) {
        return w.ip();
      }
    }
    return null;
  }

  /**
   * The worker of a pod on this node, or null: one that is not being stopped if there is one, else one whose pod has
   * ended (its logs stay readable until the pod object goes, as on a real node).
   */
  private PodWorker worker(String namespace, String name) {
    String key = namespace + "/" + name;
    PodWorker ended = null;
    for (PodWorker w : workers.values()) {
      if (w.key().equals(key)) {
        if (!w.isTerminating()) {
          return w;
        }
        ended = w;
      }
    }
    return ended;
  }

  private static void requireRoot() {
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      throw new TestbedException("the process kubelet makes network namespaces and mounts and must run as root "
          + "(running as " + user + ")");
    }
  }

  private void registerNode() {
    Node node = new NodeBuilder().withNewMetadata().withName(config.nodeName())
        .withLabels(Map.of("kubernetes.io/hostname", config.nodeName(), "kubernetes.io/os", "linux",
            "kubernetes.io/arch", "amd64", "blockyard.io/process-kubelet", "true"))
        .endMetadata()
        .withNewSpec().withPodCIDR(network.podCidr()).withPodCIDRs(network.podCidr()).endSpec().build();
    client.nodes().resource(node).createOr(existing -> existing.update());
    String now = Instant.now().toString();
    int cpus = Runtime.getRuntime().availableProcessors();
    Node status = new NodeBuilder().withNewStatus()
        .withCapacity(Map.of("cpu", new Quantity(String.valueOf(cpus)), "memory", new Quantity("16Gi"),
            "pods", new Quantity("250")))
        .withAllocatable(Map.of("cpu", new Quantity(String.valueOf(cpus)), "memory", new Quantity("16Gi"),
            "pods", new Quantity("250")))
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("process kubelet is posting ready status").withLastHeartbeatTime(now)
        .withLastTransitionTime(now).endCondition()
        .addNewAddress().withType("InternalIP").withAddress(network.gateway()).endAddress()
        .addNewAddress().withType("Hostname").withAddress(config.nodeName()).endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(streaming.port()).endKubeletEndpoint()
        .endDaemonEndpoints()
        .withNewNodeInfo().withKubeletVersion("v0.0.0-blockyard-process-kubelet").withOperatingSystem("linux")
        .withArchitecture("amd64").withContainerRuntimeVersion("process://1").withKernelVersion("")
        .withOsImage("host").withMachineID("").withSystemUUID("").withBootID("").withKubeProxyVersion("")
        .endNodeInfo()
        .endStatus().build();
    client.nodes().withName(config.nodeName()).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status.getStatus())));
  }

  private final class PodEvents implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      handle(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      handle(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      PodWorker w = workers.remove(pod.getMetadata().getUid());
      deleting.remove(pod.getMetadata().getUid());
      lastWritten.remove(pod.getMetadata().getUid());
      if (w != null) {
        pool.execute(() -> w.terminate(0));
      }
    }
  }

  private void handle(Pod pod) {
    String nodeName = pod.getSpec().getNodeName();
    if (nodeName == null || nodeName.isEmpty()) {
      String scheduler = pod.getSpec().getSchedulerName();
      if (pod.getMetadata().getDeletionTimestamp() == null
          && (scheduler == null || scheduler.equals("default-scheduler"))) {
        pool.execute(() -> bind(pod));
      }
      return;
    }
    if (!nodeName.equals(config.nodeName())) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (!deleting.add(uid)) {
        return;
      }
      PodWorker w = workers.get(uid);
      long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 30
          : pod.getMetadata().getDeletionGracePeriodSeconds();
      pool.execute(() -> {
        if (w != null) {
          w.terminate(grace);
        }
        workers.remove(uid);
        lastWritten.remove(uid);
        try {
          client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
              .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
          LOG.debug("final delete of {} failed: {}", pod.getMetadata().getName(), e.getMessage());
        }
      });
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    PodWorker existing = workers.get(uid);
    if (existing != null) {
      existing.update(pod);
      return;
    }
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return;
    }
    PodWorker w = new PodWorker(pod, services);
    if (workers.putIfAbsent(uid, w) == null) {
      LOG.info("starting pod {}", w.key());
      w.start();
    }
  }

  private void bind(Pod pod) {
    Binding binding = new BindingBuilder().withNewMetadata().withName(pod.getMetadata().getName())
        .withNamespace(pod.getMetadata().getNamespace()).withUid(pod.getMetadata().getUid()).endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(config.nodeName()).endTarget().build();
    try {
      client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(binding).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        LOG.warn("cannot bind pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  /** Writes the status of every pod that changed, skipping writes that would change nothing. */
  private void writeStatuses() {
    for (PodWorker w : workers.values()) {
      if (!w.takeDirty()) {
        continue;
      }
      try {
        Pod pod = w.pod();
        PodStatus status = KubeletPodStatus.compute(pod, w.observed(), Instant.now());
        String json = statusPatch(status);
        if (json.equals(lastWritten.get(pod.getMetadata().getUid())) || w.isTerminating()) {
          continue;
        }
        Pod written = client.pods().inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), json);
        lastWritten.put(pod.getMetadata().getUid(), json);
        w.update(written);
        // Only once a final phase is written: the pod's processes are gone, its network can go too.
        if ("Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase())) {
          pool.execute(() -> w.terminate(0));
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          continue;
        }
        LOG.warn("cannot write the status of {}: {}", w.key(), e.getMessage());
        w.markDirty();
      } catch (RuntimeException e) {
        LOG.warn("cannot compute the status of {}: {}", w.key(), e.toString());
      }
    }
  }

  /** A merge patch that also clears {@code reason} and {@code message} once they no longer apply. */
  static String statusPatch(PodStatus status) {
    var node = Serialization.jsonMapper().valueToTree(status);
    var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
    if (status.getReason() == null) {
      object.putNull("reason");
    }
    if (status.getMessage() == null) {
      object.putNull("message");
    }
    var patch = Serialization.jsonMapper().createObjectNode();
    patch.set("status", object);
    return patch.toString();
  }

  /**
   * The test bed's DNS: each pod's /etc/hosts names every pod on the node by its name and, for pods with a
   * subdomain (StatefulSet pods), by {@code hostname.subdomain.namespace.svc.cluster.local}. Rewritten in place,
   * since it is bind-mounted into running containers.
   */
  private void writeHostsFiles() {
    synchronized (hostsLock) {
      writeHostsFilesLocked();
    }
  }

  private void writeHostsFilesLocked() {
    StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost\n");
    for (PodWorker w : workers.values()) {
      String ip = w.ip();
      if (ip == null || w.isTerminating()) {
        continue;
      }
      Pod p = w.pod();
      String ns = p.getMetadata().getNamespace();
      String host = p.getSpec().getHostname() != null ? p.getSpec().getHostname() : p.getMetadata().getName();
      hosts.append(ip).append('\t');
      if (p.getSpec().getSubdomain() != null) {
        String fqdn = host + "." + p.getSpec().getSubdomain() + "." + ns + ".svc";
        hosts.append(fqdn).append(".cluster.local ").append(fqdn).append(' ')
            .append(host).append('.').append(p.getSpec().getSubdomain()).append(' ');
      }
      hosts.append(p.getMetadata().getName()).append('\n');
    }
    for (PodWorker w : workers.values()) {
      Path f = w.hostsFile();
      if (w.ip() != null && Files.exists(f)) {
        try {
          Files.writeString(f, hosts, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
          LOG.debug("cannot write {}: {}", f, e.getMessage());
        }
      }
    }
  }

  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops every pod's processes and removes namespaces, links and the mount points it created. */
  @Override
  public synchronized void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    if (streaming != null) {
      streaming.close();
      streaming = null;
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    List<Thread> stoppers = new ArrayList<>();
    for (PodWorker w : workers.values()) {
      Thread t = new Thread(() -> w.terminate(5), "stop-" + w.key());
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
    LOG.info("process kubelet {} stopped its pods", config.nodeName());
    if (pool != null) {
      pool.shutdownNow();
    }
    PodNetwork.sweep(config.networkPrefix());
    network.deleteBridge();
    mountPoints.removeAll();
  }
}
