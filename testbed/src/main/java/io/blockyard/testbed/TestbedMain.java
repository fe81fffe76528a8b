package io.blockyard.testbed;

import io.blockyard.testbed.node.NodeNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of the test bed: {@code up} runs it in the foreground, {@code down} stops a running one. */
@Command(name = "testbed", mixinStandardHelpOptions = true,
    description = "A local Kubernetes control plane and node, for Blockyard's tests and playground.",
    subcommands = {TestbedMain.Up.class, TestbedMain.Down.class})
public final class TestbedMain {
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new TestbedMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      StringBuilder message = new StringBuilder("testbed: " + e.getMessage());
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        message.append("\n  caused by: ").append(c);
      }
      cmd.getErr().println(message);
      if (!(e instanceof TestbedException)) {
        e.printStackTrace(cmd.getErr());
      }
      return e instanceof TestbedException ? 2 : 1;
    });
    System.exit(cli.execute(args));
  }

  static final class Common {
    @Option(names = "--dir", required = true, description = "state directory (kubeconfig, logs, pod files)")
    Path dir;

    @Option(names = "--name", defaultValue = "bypg", description = "node name and network prefix (<= 6 chars)")
    String name;
  }

  @Command(name = "up", description = "Start the control plane and the node; run until stopped.")
  static final class Up implements Callable<Integer> {
    @CommandLine.Mixin
    Common common;

    @Option(names = "--pod-cidr", defaultValue = "10.213.0.0/24",
        description = "a /24 (or wider, up to a /16) for the test bed's pods (lower half), Services and node link")
    String podCidr;

    @Option(names = "--api-port", defaultValue = "6443")
    int apiPort;

    @Option(names = "--etcd-port", defaultValue = "23790")
    int etcdPort;

    @Option(names = "--apply", description = "manifest files to apply once the test bed is up")
    List<Path> manifests = List.of();

    @Override
    public Integer call() throws Exception {
      Path pidFile = common.dir.resolve("testbed.pid");
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          throw new TestbedException("a test bed is already running from " + common.dir + " (pid " + pid
              + "); stop it first (make playground-down)");
        }
      }
      Files.createDirectories(common.dir);
      Testbed testbed = Testbed.start(new Testbed.Options(common.dir, common.name, podCidr, etcdPort,
          etcdPort + 10, apiPort));
      Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        testbed.close();
        try {
          Files.deleteIfExists(pidFile);
          Files.deleteIfExists(common.dir.resolve("ready"));
        } catch (IOException ignored) {
          // best effort
        }
        stopped.countDown();
      }));
      for (Path manifest : manifests) {
        try (InputStream in = Files.newInputStream(manifest)) {
          for (HasMetadata item : testbed.client().load(in).items()) {
            testbed.client().resource(item).inNamespace(item.getMetadata().getNamespace() == null ? "default"
                : item.getMetadata().getNamespace()).serverSideApply();
          }
        }
        System.out.println("applied " + manifest);
      }
      System.out.println("kubeconfig: " + testbed.kubeconfig());
      System.out.println("pod logs:   " + testbed.node().podLogsDir());
      System.out.println("control-plane logs: " + testbed.controlPlane().log("kube-apiserver").getParent());
      Files.writeString(common.dir.resolve("ready"), testbed.kubeconfig().toString());
      while (!stopped.await(2, TimeUnit.SECONDS)) {
        testbed.checkHealthy();
      }
      return 0;
    }
  }

  @Command(name = "down", description = "Stop a running test bed and remove anything it left behind.")
  static final class Down implements Callable<Integer> {
    @CommandLine.Mixin
    Common common;

    @Override
    public Integer call() throws Exception {
      Path pidFile = common.dir.resolve("testbed.pid");
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(p -> {
          p.destroy();
          try {
            p.onExit().get(60, TimeUnit.SECONDS);
          } catch (Exception e) {
            p.destroyForcibly();
          }
        });
        Files.deleteIfExists(pidFile);
        System.out.println("stopped the test bed running from " + common.dir + " (pid " + pid + ")");
      } else {
        System.out.println("no test bed running from " + common.dir);
      }
      List<String> swept = NodeNetwork.sweep(common.name);
      if (!swept.isEmpty()) {
        System.out.println("removed leftovers: " + swept);
      }
      return 0;
    }
  }
}
