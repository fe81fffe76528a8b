package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code kubectl logs} through the real API server to the kubelet: current and previous run, tail, follow. */
@ExtendWith(SharedTestbed.class)
class KubectlLogsTest {
  static final String NS = "kubectl-logs";
  static Testbed testbed;
  static KubernetesClient client;

  @BeforeAll
  static void createNamespace(Testbed bed) {
    testbed = bed;
    client = bed.client();
    TestNodes.createNamespace(client, NS);
  }

  /** The test bed's busybox image in place of the bare name these manifests use. */
  static String withBusybox(String yaml) {
    return yaml.replace("image: busybox", "image: " + testbed.images().reference("blockyard/busybox:"));
  }

  static Shell.Result kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(testbed.programs().binary("kubernetes", "kubectl").toString(),
        "--kubeconfig", testbed.kubeconfig().toString(), "-n", NS));
    command.addAll(List.of(args));
    return Shell.runAllowingFailure(30, command.toArray(String[]::new));
  }

  /** The first run prints three lines and fails; the second prints its lines and stays. */
  @Test
  void logsShowTheCurrentRunAndPreviousShowsTheOneBefore() {
    TestNodes.apply(client, NS, withBusybox("""
        apiVersion: v1
        kind: Pod
        metadata: {name: twice}
        spec:
          containers:
          - name: main
            image: busybox
            command: [sh, -c]
            args:
            - |
              n=$(( $(cat /state/runs 2>/dev/null || echo 0) + 1 )); echo $n > /state/runs
              for i in 1 2 3; do echo "run $n line $i"; done
              [ $n -ge 2 ] || exit 1
              sleep 3600
            volumeMounts: [{name: state, mountPath: /state}]
          volumes: [{name: state, emptyDir: {}}]
        """));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(kubectl("logs", "twice")
        .output()).isEqualTo("run 2 line 1\nrun 2 line 2\nrun 2 line 3\n"));
    assertThat(kubectl("logs", "twice", "--previous").output()).isEqualTo("run 1 line 1\nrun 1 line 2\nrun 1 line 3\n");
    assertThat(kubectl("logs", "twice", "--tail=1").output()).isEqualTo("run 2 line 3\n");
    assertThat(kubectl("logs", "twice", "-c", "main", "--limit-bytes=5").output()).isEqualTo("run 2");
  }

  @Test
  void aContainerThatRanOnceHasNoPreviousLogsAndSaysSo() {
    TestNodes.apply(client, NS, withBusybox("""
        apiVersion: v1
        kind: Pod
        metadata: {name: once}
        spec:
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'echo hello; sleep 3600']}
        """));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(kubectl("logs", "once")
        .output()).isEqualTo("hello\n"));
    Shell.Result previous = kubectl("logs", "once", "--previous");
    assertThat(previous.exitCode()).isNotZero();
    assertThat(previous.output()).contains("previous terminated container \"main\" in pod \"once\" not found");
  }

  @Test
  void followStreamsNewOutputUntilTheClientStops() throws Exception {
    TestNodes.apply(client, NS, withBusybox("""
        apiVersion: v1
        kind: Pod
        metadata: {name: ticker}
        spec:
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.3; done']}
        """));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(kubectl("logs", "ticker")
        .output()).contains("tick 1\n"));
    int seenBefore = kubectl("logs", "ticker").output().split("\n").length;
    Process follow = new ProcessBuilder(testbed.programs().binary("kubernetes", "kubectl").toString(), "--kubeconfig",
        testbed.kubeconfig().toString(), "-n", NS, "logs", "-f", "ticker", "--tail=1").redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(follow.getInputStream(),
        StandardCharsets.UTF_8))) {
      List<String> read = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (read.size() < 8 && System.nanoTime() < deadline) {
        String line = lines.readLine();
        if (line == null) {
          break;
        }
        read.add(line);
      }
      assertThat(read).as("kubectl logs -f output").hasSize(8).allSatisfy(l -> assertThat(l).startsWith("tick "));
      int first = Integer.parseInt(read.get(0).substring(5));
      int last = Integer.parseInt(read.get(7).substring(5));
      assertThat(first).as("--tail=1 starts at the newest line").isGreaterThanOrEqualTo(seenBefore);
      assertThat(last).as("lines written after the follow began, in order").isEqualTo(first + 7);
      assertThat(follow.isAlive()).as("a follow keeps running while the container does").isTrue();
    } finally {
      follow.destroy();
      follow.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void followOfAContainerThatHasEndedPrintsItsOutputAndReturns() {
    TestNodes.apply(client, NS, withBusybox("""
        apiVersion: v1
        kind: Pod
        metadata: {name: finished}
        spec:
          restartPolicy: Never
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'echo first; echo last']}
        """));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(client.pods().inNamespace(NS).withName("finished").get().getStatus().getPhase())
            .isEqualTo("Succeeded"));
    Shell.Result follow = kubectl("logs", "-f", "finished");
    assertThat(follow.exitCode()).as(follow.output()).isZero();
    assertThat(follow.output()).isEqualTo("first\nlast\n");
  }
}
