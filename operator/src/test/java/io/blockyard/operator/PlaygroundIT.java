package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.testbed.Ports;
import io.blockyard.testbed.Programs;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.Testbed;
import io.blockyard.testbed.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a user runs it: {@code make playground} brings up the control plane, the node,
 * the operator (installed with its Helm chart, running from the image the build made) and the sample network and says
 * how to reach them; a second {@code make playground} says one
 * is running and leaves it alone; {@code make playground-down} leaves no process, network namespace, link,
 * mount or cgroup.
 * Runs after packaging (failsafe), from the build that just happened, beside any playground a developer has up: its
 * own directory, name, pod network and ports.
 */
class PlaygroundIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String NAME = "bypit";
  static final Path DIR = Path.of("target", "playground-it").toAbsolutePath();

  final Map<String, String> env = Map.of(
      "PLAYGROUND_DIR", DIR.toString(),
      "PLAYGROUND_NAME", NAME,
      "PLAYGROUND_POD_CIDR", "10.213.40.0/24",
      "PLAYGROUND_API_PORT", String.valueOf(Ports.free()),
      "PLAYGROUND_ETCD_PORT", String.valueOf(Ports.free()),
      "PLAYGROUND_BUILD", "no");
  final Path kubectl = Programs.locate().binary("kubernetes", "kubectl");
  final Path kubeconfig = DIR.resolve("control-plane/admin.kubeconfig");

  @Test
  void makePlaygroundRunsTheSampleNetworkAndMakePlaygroundDownLeavesNothingBehind() throws Exception {
    List<Long> pids = new ArrayList<>();
    try {
      Result up = make("playground");
      assertThat(up.exitCode()).as(up.output()).isZero();
      assertThat(up.output())
          .contains("The playground is up")
          .contains("export KUBECONFIG=" + kubeconfig)
          .contains("Pod logs (one file per container): " + DIR.resolve("node/kubelet/pod-logs") + "/")
          .contains("Operator log:                      kubectl -n blockyard-system logs deployment/blockyard-operator")
          .contains("Stop everything with: make playground-down");
      try (Stream<Path> lib = Files.list(ROOT.resolve("operator/target/lib"))) {
        assertThat(lib.map(p -> p.getFileName().toString())).as("the operator's runtime class path")
            .contains("blockyard-api-0.1.0-SNAPSHOT.jar").noneMatch(jar -> jar.contains("testbed"));
      }
      long testbedPid = pid("testbed.pid");
      pids.add(testbedPid);

      // What the README shows next, with the printed KUBECONFIG: the sample network Ready at height 101.
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
          kubectl("get", "btcnet", "regtest", "-o",
              "jsonpath={.status.readyReplicas} {.status.blockHeight} "
                  + "{.status.conditions[?(@.type==\"Ready\")].status}").output())
          .isEqualTo("3 101 True"));
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
          kubectl("get", "btcnet", "regtest", "-o", "jsonpath={.status.conditions[?(@.type==\"Meshed\")].status} "
              + "{.status.conditions[?(@.type==\"Synced\")].status}").output()).isEqualTo("True True"));

      // The operator: a Deployment from the chart, Available, its container from the local image as uid 1000.
      assertThat(kubectl("-n", "blockyard-system", "get", "deployment", "blockyard-operator", "-o",
          "jsonpath={.status.conditions[?(@.type==\"Available\")].status}").output()).isEqualTo("True");
      assertThat(kubectl("-n", "blockyard-system", "get", "pods", "-l", "app.kubernetes.io/name=blockyard-operator",
          "-o", "jsonpath={.items[0].spec.containers[0].image} {.items[0].status.containerStatuses[0].ready}")
          .output()).isEqualTo("blockyard/operator:0.1.0-SNAPSHOT true");
      assertThat(OperatorProcesses.uidsOnNode(NAME)).as("uid of the operator's JVM in the node's containers")
          .containsExactly(1000L);
      assertThat(kubectl("-n", "blockyard-system", "logs", "deployment/blockyard-operator").output())
          .as("kubectl logs on the Deployment").contains("Blockyard operator started");

      for (String pod : List.of("regtest-0", "regtest-1", "regtest-2")) {
        assertThat(kubectl("get", "pod", pod, "-o", "jsonpath={.status.containerStatuses[0].containerID}").output())
            .startsWith("containerd://");
        // The node container logs; the init container that writes the credential files prints nothing.
        assertThat(containerLogs(pod)).as("the log file of %s's node container", pod)
            .filteredOn(log -> log.getParent().getFileName().toString().equals("node")).singleElement()
            .satisfies(log -> assertThat(Files.size(log)).isPositive());
      }
      assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid %d", pid).isTrue());

      Result again = make("playground");
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output()).contains("The playground is already running (pid " + testbedPid + ")")
          .contains("export KUBECONFIG=" + kubeconfig);
      assertThat(pid("testbed.pid")).isEqualTo(testbedPid);
      assertThat(kubectl("get", "btcnet", "regtest", "-o", "jsonpath={.status.readyReplicas}").output())
          .isEqualTo("3");
    } finally {
      Result down = make("playground-down");
      assertThat(down.exitCode()).as(down.output()).isZero();
      assertThat(down.output()).contains("stopped the test bed running from " + DIR);
    }
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(pids)
        .allSatisfy(pid -> assertThat(alive(pid)).as("pid %d still alive", pid).isFalse()));
    assertThat(ProcessHandle.allProcesses().filter(p -> String.join(" ", p.info().arguments()
        .orElse(new String[0])).contains(DIR.toString())).map(p -> p.info().commandLine().orElse("?")))
        .as("processes started from the playground's directory").isEmpty();
    assertThat(Testbed.leftovers(NAME, DIR)).as("network namespaces, links, mounts, cgroups and containers").isEmpty();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(DIR.toString());
  }

  private long pid(String file) throws IOException {
    return Long.parseLong(Files.readString(DIR.resolve(file)).strip());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<Path> containerLogs(String pod) throws IOException {
    // The kubelet's layout: <namespace>_<pod>_<uid>/<container>/<restart>.log
    try (Stream<Path> files = Files.walk(DIR.resolve("node/kubelet/pod-logs"))) {
      return files.filter(f -> f.getParent().getParent().getFileName().toString().startsWith("default_" + pod + "_"))
          .filter(f -> f.toString().endsWith(".log")).toList();
    }
  }

  private Result kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return Shell.runAllowingFailure(30, command.toArray(String[]::new));
  }

  /** The make target with the playground's variables, as a user would set them in the shell. */
  private Result make(String target) {
    List<String> command = new ArrayList<>(List.of("env"));
    env.forEach((name, value) -> command.add(name + "=" + value));
    command.addAll(List.of("make", "-s", "-C", ROOT.toString(), target));
    return Shell.runAllowingFailure(600, command.toArray(String[]::new)); // up: test bed start plus helm install --wait
  }
}
