package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container as a host process inside its pod's namespaces: started through nsenter/unshare and the entry script
 * (which makes the mounts, sets the host name and drops to the pod's user), restarted per restart policy with
 * back-off, probed for readiness and liveness, and stopped with SIGTERM then SIGKILL.
 */
final class ContainerRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRunner.class);
  static final String IMAGE_MOUNT = "/run/blockyard/image";
  /** Where the entry script stages mount sources (see container-entry.sh). */
  static final String STAGE_MOUNT = "/run/blockyard/stage";
  static final String PATH = IMAGE_MOUNT + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Container spec;
  private final PodSandbox sandbox;
  private final List<String> argv;
  private final Map<String, String> env;
  private final Path mounts;
  private final String imageId;
  private final String restartPolicy;
  private final ScheduledExecutorService scheduler;
  private final Runnable onChange;
  private final Prober prober;

  /** The unshare process that Java started; it lives as long as the container's init. */
  private Process process;
  /** The container's init: PID 1 of the container's own PID namespace. */
  private ProcessHandle init;
  private boolean stopping;
  private int restartCount;
  private ContainerState state;
  private ContainerState lastState;
  private boolean ready;
  private boolean everStarted;
  private Instant startedAt;
  private int readinessSuccesses;
  private int readinessFailures;
  private int livenessFailures;
  private final List<ScheduledFuture<?>> probes = new ArrayList<>();
  private Runnable onExit;

  ContainerRunner(Container spec, PodSandbox sandbox, List<String> argv, Map<String, String> env, Path mounts,
      String imageId, String restartPolicy, ScheduledExecutorService scheduler, Runnable onChange) {
    this.spec = spec;
    this.sandbox = sandbox;
    this.argv = argv;
    this.env = env;
    this.mounts = mounts;
    this.imageId = imageId;
    this.restartPolicy = restartPolicy == null ? "Always" : restartPolicy;
    this.scheduler = scheduler;
    this.onChange = onChange;
    this.prober = new Prober(sandbox, spec, env);
    this.state = waiting("ContainerCreating", null);
  }

  String name() {
    return spec.getName();
  }

  /** Runs {@code whenDone} each time the process exits and will not be restarted (init containers use it). */
  synchronized void onFinalExit(Runnable whenDone) {
    this.onExit = whenDone;
  }

  synchronized void start() {
    if (stopping) {
      return;
    }
    // A PID namespace per container: when its init exits, the kernel ends every process it left, as in a container.
    List<String> command = new ArrayList<>(List.of("/usr/bin/nsenter", "--net=" + sandbox.netns(), "--",
        "/usr/bin/unshare", "--mount", "--uts", "--pid", "--fork", "--kill-child=SIGKILL", "--mount-proc",
        "--propagation", "private", "--", "/bin/sh",
        sandbox.entryScript().toString(), mounts.toString(), sandbox.hostname(), runAsArg()));
    command.add("--");
    command.addAll(argv);
    try {
      Path log = sandbox.logDir().resolve(spec.getName() + ".log");
      Files.createDirectories(log.getParent());
      // The command as the spec wrote it: expanded arguments can hold secrets ($(RPC_PASSWORD)).
      Files.writeString(log, "---- " + Instant.now() + " start #" + restartCount + ": " + specCommand() + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().clear();
      pb.environment().putAll(env);
      process = pb.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      state = waiting("RunContainerError", "cannot start " + argv.get(0) + ": " + e.getMessage());
      onChange.run();
      return;
    }
    Process started = process;
    init = initOf(started);
    startedAt = Instant.now();
    everStarted = true;
    state = new ContainerStateBuilder().withNewRunning().withStartedAt(startedAt.toString()).endRunning().build();
    ready = spec.getReadinessProbe() == null;
    readinessSuccesses = 0;
    readinessFailures = 0;
    livenessFailures = 0;
    scheduleProbes(started);
    started.onExit().thenAccept(this::exited);
    onChange.run();
  }

  /** unshare forks the init at once; null if it is already gone. */
  private static ProcessHandle initOf(Process unshare) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < deadline && unshare.isAlive()) {
      var child = unshare.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return null;
  }

  /**
   * SIGTERM to the container's init, SIGKILL after the grace period (unshare itself blocks SIGTERM while it
   * waits, so the signal goes to the init directly). An init without a SIGTERM handler ignores it, as PID 1 does in
   * any container.
   */
  private static void terminate(Process unshare, ProcessHandle init, long graceSeconds) {
    try {
      if (init != null && init.isAlive()) {
        init.destroy();
        if (unshare.waitFor(graceSeconds, TimeUnit.SECONDS)) {
          return;
        }
        init.destroyForcibly();
      }
      unshare.destroyForcibly();
      unshare.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      unshare.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String specCommand() {
    List<String> words = new ArrayList<>();
    if (spec.getCommand() != null) {
      words.addAll(spec.getCommand());
    }
    if (spec.getArgs() != null) {
      words.addAll(spec.getArgs());
    }
    // One line, so that the start line stays one line (kubectl logs splits the file into runs at these lines).
    return words.isEmpty() ? "(image entrypoint)" : String.join(" ", words).replace("\r", "\\r").replace("\n", "\\n");
  }

  private String runAsArg() {
    PodSandbox.RunAs r = sandbox.runAs();
    if (r.isRoot()) {
      return "-";
    }
    long gid = r.gid() != null ? r.gid() : r.uid();
    String groups = r.fsGroup() != null ? String.valueOf(r.fsGroup()) : String.valueOf(gid);
    return r.uid() + ":" + gid + ":" + groups;
  }

  private void scheduleProbes(Process p) {
    cancelProbes();
    long target = init != null ? init.pid() : p.pid();
    Probe readiness = spec.getReadinessProbe();
    if (readiness != null) {
      probes.add(schedule(readiness, () -> readinessResult(p, prober.check(readiness, target), readiness)));
    }
    Probe liveness = spec.getLivenessProbe();
    if (liveness != null) {
      probes.add(schedule(liveness, () -> livenessResult(p, prober.check(liveness, target), liveness)));
    }
  }

  private ScheduledFuture<?> schedule(Probe probe, Runnable check) {
    long delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
    long period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
    return scheduler.scheduleWithFixedDelay(() -> {
      try {
        check.run();
      } catch (RuntimeException e) {
        LOG.warn("probe of {} {} failed to run: {}", sandbox.podKey(), spec.getName(), e.toString());
      }
    }, delay * 1000, period * 1000, TimeUnit.MILLISECONDS);
  }

  private synchronized void readinessResult(Process p, boolean ok, Probe probe) {
    if (p != process || !p.isAlive()) {
      return;
    }
    int successThreshold = probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold();
    int failureThreshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
    boolean before = ready;
    if (ok) {
      readinessFailures = 0;
      if (++readinessSuccesses >= successThreshold) {
        ready = true;
      }
    } else {
      readinessSuccesses = 0;
      if (++readinessFailures >= failureThreshold) {
        ready = false;
      }
    }
    if (before != ready) {
      onChange.run();
    }
  }

  private synchronized void livenessResult(Process p, boolean ok, Probe probe) {
    if (p != process || !p.isAlive()) {
      return;
    }
    int failureThreshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
    livenessFailures = ok ? 0 : livenessFailures + 1;
    if (livenessFailures >= failureThreshold) {
      LOG.info("{} {}: liveness probe failed {} times, restarting", sandbox.podKey(), spec.getName(),
          livenessFailures);
      livenessFailures = 0;
      ProcessHandle containerInit = init;
      long grace = 30;
      scheduler.execute(() -> terminate(p, containerInit, grace));
    }
  }

  private synchronized void exited(Process p) {
    if (p != process) {
      return;
    }
    cancelProbes();
    int code = p.exitValue();
    Instant now = Instant.now();
    ContainerState terminated = new ContainerStateBuilder().withNewTerminated()
        .withExitCode(code).withReason(code == 0 ? "Completed" : "Error")
        .withStartedAt(startedAt.toString()).withFinishedAt(now.toString())
        .withContainerID(containerId()).endTerminated().build();
    ready = false;
    boolean restart = !stopping && (restartPolicy.equals("Always") || restartPolicy.equals("OnFailure") && code != 0);
    if (restart) {
      lastState = terminated;
      restartCount++;
      long backoff = Math.min(10_000L, 1000L << Math.min(4, restartCount - 1));
      state = waiting("CrashLoopBackOff", "back-off " + backoff / 1000 + "s restarting failed container="
          + spec.getName() + " (exit code " + code + ")");
      scheduler.schedule(this::start, backoff, TimeUnit.MILLISECONDS);
    } else {
      state = terminated;
      if (onExit != null && !stopping) {
        scheduler.execute(onExit);
      }
    }
    onChange.run();
  }

  /** SIGTERM, then SIGKILL after the grace period; no restart afterwards. Blocks until the process is gone. */
  void stop(long graceSeconds) {
    Process p;
    ProcessHandle containerInit;
    synchronized (this) {
      stopping = true;
      cancelProbes();
      p = process;
      containerInit = init;
    }
    if (p != null) {
      terminate(p, containerInit, graceSeconds);
    }
  }

  private void cancelProbes() {
    probes.forEach(f -> f.cancel(false));
    probes.clear();
  }

  synchronized boolean hasStarted() {
    return everStarted;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  synchronized boolean isReady() {
    return ready && isRunning();
  }

  synchronized boolean succeeded() {
    return state.getTerminated() != null && state.getTerminated().getExitCode() == 0;
  }

  synchronized boolean terminatedForGood() {
    return state.getTerminated() != null;
  }


  synchronized ContainerStatus status() {
    return new ContainerStatusBuilder()
        .withName(spec.getName()).withImage(spec.getImage()).withImageID(imageId)
        .withContainerID(process == null ? null : containerId())
        .withReady(isReady()).withStarted(isRunning()).withRestartCount(restartCount)
        .withState(state).withLastState(lastState == null ? new ContainerState() : lastState)
        .build();
  }

  /** The init's host PID: what {@code kill} or {@code nsenter -t} on the host needs. */
  private String containerId() {
    return "process://" + (init != null ? init.pid() : process.pid());
  }

  static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }
}
