package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod: its network namespace, volumes, init containers in order, then its containers; and takes it all
 * down again on deletion.
 */
final class PodWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);

  private final NodeServices node;
  private final String uid;
  private final String key;
  private volatile Pod pod;
  private final Path dir;
  private final Instant startTime = Instant.now();

  private String ip;
  private boolean sandboxReady;
  private String waitingReason = "ContainerCreating";
  private String waitingMessage;
  private final Map<String, String> imageErrors = new java.util.HashMap<>();
  private final List<ContainerRunner> initRunners = new ArrayList<>();
  private final List<ContainerRunner> runners = new ArrayList<>();
  private boolean initDone;
  private boolean terminating;
  private volatile boolean dirty = true;

  PodWorker(Pod pod, NodeServices node) {
    this.node = node;
    this.pod = pod;
    this.uid = pod.getMetadata().getUid();
    this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    this.dir = node.podsDir().resolve(uid);
  }

  String key() {
    return key;
  }

  Pod pod() {
    return pod;
  }

  void update(Pod latest) {
    this.pod = latest;
  }

  synchronized String ip() {
    return ip;
  }

  Path hostsFile() {
    return dir.resolve("hosts");
  }

  boolean takeDirty() {
    boolean was = dirty;
    dirty = false;
    return was;
  }

  void markDirty() {
    dirty = true;
  }

  void start() {
    node.workers().execute(this::prepare);
  }

  private void prepare() {
    try {
      if (!resolveImages()) {
        markDirty();
        return;
      }
      synchronized (this) {
        if (terminating) {
          return;
        }
        Files.createDirectories(dir);
        Files.writeString(hostsFile(), "127.0.0.1\tlocalhost\n");
        ip = node.network().attach(uid);
        sandboxReady = true;
      }
      node.podsChanged().run();
      markDirty();
      createContainers();
    } catch (RuntimeException | IOException e) {
      LOG.warn("pod {} could not be started: {}", key, e.getMessage());
      synchronized (this) {
        waitingReason = "CreatePodSandboxError";
        waitingMessage = e.getMessage();
      }
      markDirty();
    }
  }

  /** Like an image pull: every image must map to a local program; the error says which does not, and why. */
  private boolean resolveImages() {
    for (Container c : allContainers()) {
      if (node.images().resolve(c.getImage()).isEmpty()) {
        imageErrors.put(c.getName(), "image \"" + c.getImage() + "\" maps to no local program in the test bed's "
            + "image table (" + node.images().describe() + "); add a rule for it or use an image the table knows");
      }
    }
    if (!imageErrors.isEmpty()) {
      waitingReason = "ErrImagePull";
      waitingMessage = imageErrors.values().iterator().next();
      return false;
    }
    return true;
  }

  private List<Container> allContainers() {
    List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    return all;
  }

  /** Volumes and environments can wait on Secrets and claims that do not exist yet: retry until they do. */
  private void createContainers() {
    synchronized (this) {
      if (terminating) {
        return;
      }
      try {
        FieldRefs fields = new FieldRefs(pod, ip, node.network().gateway(), node.nodeName());
        Map<String, Path> volumes = node.volumes().materialise(pod, dir.resolve("volumes"), fields);
        PodSandbox sandbox = sandbox();
        chownVolumes(volumes, sandbox.runAs());
        List<ContainerRunner> init = new ArrayList<>();
        for (Container c : pod.getSpec().getInitContainers()) {
          init.add(runner(c, sandbox, volumes, fields, "OnFailure".equals(restartPolicy()) || "Always".equals(
              restartPolicy()) ? "OnFailure" : "Never"));
        }
        List<ContainerRunner> main = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
          main.add(runner(c, sandbox, volumes, fields, restartPolicy()));
        }
        initRunners.addAll(init);
        runners.addAll(main);
        waitingReason = null;
        waitingMessage = null;
      } catch (PodVolumes.NotReady e) {
        waitingReason = "ContainerCreating";
        waitingMessage = e.getMessage();
        markDirty();
        node.scheduler().schedule(() -> node.workers().execute(this::createContainers), 2, TimeUnit.SECONDS);
        return;
      } catch (IOException e) {
        waitingReason = "CreateContainerConfigError";
        waitingMessage = e.getMessage();
        markDirty();
        return;
      }
    }
    runInit(0);
  }

  private String restartPolicy() {
    return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
  }

  private void runInit(int index) {
    synchronized (this) {
      if (terminating) {
        return;
      }
      if (index < initRunners.size()) {
        ContainerRunner init = initRunners.get(index);
        init.onFinalExit(() -> {
          if (init.succeeded()) {
            runInit(index + 1);
          } else {
            markDirty();
          }
        });
        init.start();
        return;
      }
      initDone = true;
      runners.forEach(ContainerRunner::start);
    }
    markDirty();
  }

  private PodSandbox sandbox() {
    PodSecurityContext sc = pod.getSpec().getSecurityContext();
    PodSandbox.RunAs runAs = sc == null ? PodSandbox.RunAs.ROOT
        : new PodSandbox.RunAs(sc.getRunAsUser(), sc.getRunAsGroup(), sc.getFsGroup());
    String hostname = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname()
        : pod.getMetadata().getName();
    return new PodSandbox(key, Path.of("/run/netns", node.network().namespaceName(uid)), ip, hostname, runAs, dir,
        logDir(), node.entryScript());
  }

  private Path logDir() {
    return node.logsDir().resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_"
        + uid.substring(0, 8));
  }

  /** Whether the named container's process runs now. */
  synchronized boolean containerRunning(String container) {
    return java.util.stream.Stream.concat(runners.stream(), initRunners.stream())
        .anyMatch(r -> r.name().equals(container) && r.isRunning());
  }

  /** Where a container of this pod writes its output (every run appended, each marked by a start line). */
  Path logFile(String container) {
    return logDir().resolve(container + ".log");
  }

  /** Volumes the pod writes to belong to its user (and fsGroup), as Kubernetes arranges for its volume types. */
  private void chownVolumes(Map<String, Path> volumes, PodSandbox.RunAs runAs) throws IOException {
    if (runAs.isRoot() && runAs.fsGroup() == null) {
      return;
    }
    String owner = runAs.isRoot() ? "0" : String.valueOf(runAs.uid());
    String group = runAs.fsGroup() != null ? String.valueOf(runAs.fsGroup())
        : runAs.gid() != null ? String.valueOf(runAs.gid()) : owner;
    for (var v : pod.getSpec().getVolumes()) {
      Path p = volumes.get(v.getName());
      boolean writable = v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null;
      if (p == null || v.getHostPath() != null) {
        continue;
      }
      io.blockyard.testbed.Shell.run("chown", "-R", (writable ? owner : "0") + ":" + group, p.toString());
      io.blockyard.testbed.Shell.run("chmod", "-R", writable ? "u+rwX,g+rwX" : "g+rX", p.toString());
    }
  }

  private ContainerRunner runner(Container c, PodSandbox sandbox, Map<String, Path> volumes, FieldRefs fields,
      String restartPolicy) throws PodVolumes.NotReady, IOException {
    ImageTable.Rule image = node.images().resolve(c.getImage()).orElseThrow();
    String home = sandbox.runAs().isRoot() ? "/root" : "/tmp";
    Map<String, String> env = ContainerEnv.resolve(c, pod.getMetadata().getNamespace(), fields, node.client(), home);
    List<String> argv = new ArrayList<>();
    List<String> command = c.getCommand() == null || c.getCommand().isEmpty()
        ? (image.entrypoint() == null ? List.of() : List.of(image.entrypoint())) : c.getCommand();
    if (command.isEmpty()) {
      throw new IOException("container " + c.getName() + " has no command and image " + c.getImage()
          + " has no entrypoint in the image table");
    }
    command.forEach(a -> argv.add(VarExpansion.expand(a, env)));
    if (c.getArgs() != null) {
      c.getArgs().forEach(a -> argv.add(VarExpansion.expand(a, env)));
    }
    Path mounts = dir.resolve("mounts-" + c.getName());
    Files.writeString(mounts, mountTable(c, image, volumes));
    return new ContainerRunner(c, sandbox, argv, env, mounts, "blockyard-local://" + image.directory(),
        restartPolicy, node.scheduler(), this::markDirty);
  }

  /** One line per bind mount: the image, /etc/hosts, then the volume mounts, parents before children. */
  private String mountTable(Container c, ImageTable.Rule image, Map<String, Path> volumes) throws IOException {
    List<String[]> mounts = new ArrayList<>();
    mounts.add(new String[] {image.directory().toString(), ContainerRunner.IMAGE_MOUNT, "ro"});
    mounts.add(new String[] {hostsFile().toString(), "/etc/hosts", "rw"});
    List<VolumeMount> volumeMounts = new ArrayList<>(c.getVolumeMounts() == null ? List.of() : c.getVolumeMounts());
    volumeMounts.sort(Comparator.comparingInt(m -> Path.of(m.getMountPath()).getNameCount()));
    for (VolumeMount m : volumeMounts) {
      Path source = volumes.get(m.getName());
      if (source == null) {
        throw new IOException("container " + c.getName() + " mounts volume \"" + m.getName()
            + "\", which the pod does not declare");
      }
      if (m.getSubPath() != null && !m.getSubPath().isEmpty()) {
        source = source.resolve(m.getSubPath());
        if (!Files.exists(source)) {
          Files.createDirectories(source);
        }
      }
      mounts.add(new String[] {source.toString(), m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly()) ? "ro"
          : "rw"});
    }
    node.mountPoints().ensure(Path.of(ContainerRunner.STAGE_MOUNT), true);
    StringBuilder table = new StringBuilder();
    for (int i = 0; i < mounts.size(); i++) {
      String[] m = mounts.get(i);
      ensureTarget(mounts.subList(0, i), Path.of(m[1]), Files.isDirectory(Path.of(m[0])));
      table.append(m[0]).append('\t').append(m[1]).append('\t').append(m[2]).append('\n');
    }
    return table.toString();
  }

  /** A target inside an earlier mount is created in that mount's source; otherwise on the host. */
  private void ensureTarget(List<String[]> earlier, Path target, boolean directory) throws IOException {
    for (int j = earlier.size() - 1; j >= 0; j--) {
      Path parentTarget = Path.of(earlier.get(j)[1]);
      if (target.startsWith(parentTarget) && !target.equals(parentTarget)) {
        Path inSource = Path.of(earlier.get(j)[0]).resolve(parentTarget.relativize(target).toString());
        if (!Files.exists(inSource)) {
          if (directory) {
            Files.createDirectories(inSource);
          } else {
            Files.createDirectories(inSource.getParent());
            Files.createFile(inSource);
          }
        }
        return;
      }
    }
    node.mountPoints().ensure(target, directory);
  }

  /** Stops every process (SIGTERM, SIGKILL after the grace period) and removes the namespace and pod files. */
  void terminate(long graceSeconds) {
    List<ContainerRunner> all;
    String podIp;
    synchronized (this) {
      if (terminating) {
        return;
      }
      terminating = true;
      all = new ArrayList<>(runners);
      all.addAll(initRunners);
      podIp = ip;
    }
    List<Thread> stoppers = new ArrayList<>();
    for (ContainerRunner r : all) {
      Thread t = new Thread(() -> r.stop(graceSeconds), "stop-" + key + "-" + r.name());
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (podIp != null || sandboxReady) {
      node.network().detach(uid, podIp);
    }
    ClaimStorage.deleteTree(dir);
    node.podsChanged().run();
  }

  synchronized boolean isTerminating() {
    return terminating;
  }

  synchronized KubeletPodStatus.Observed observed() {
    return new KubeletPodStatus.Observed(ip, node.network().gateway(), startTime, sandboxReady, waitingReason,
        waitingMessage, initDone || pod.getSpec().getInitContainers().isEmpty(),
        statuses(pod.getSpec().getInitContainers(), initRunners), statuses(pod.getSpec().getContainers(), runners));
  }

  private List<ContainerStatus> statuses(List<Container> specs, List<ContainerRunner> started) {
    List<ContainerStatus> out = new ArrayList<>();
    for (Container c : specs) {
      Optional<ContainerRunner> r = started.stream().filter(x -> x.name().equals(c.getName())).findFirst();
      if (r.isPresent() && (r.get().hasStarted() || r.get().status().getState().getWaiting() != null
          && !"ContainerCreating".equals(r.get().status().getState().getWaiting().getReason()))) {
        out.add(r.get().status());
      } else {
        String reason = imageErrors.containsKey(c.getName()) ? "ErrImagePull"
            : waitingReason != null ? waitingReason : (initDone ? "ContainerCreating" : "PodInitializing");
        String message = imageErrors.getOrDefault(c.getName(), waitingMessage);
        out.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
            .withReady(false).withStarted(false).withRestartCount(0)
            .withState(ContainerRunner.waiting(reason, message)).withNewLastState().endLastState().build());
      }
    }
    return out;
  }
}
