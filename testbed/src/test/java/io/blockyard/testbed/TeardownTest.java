package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.blockyard.testbed.controlplane.ControlPlane;
import io.blockyard.testbed.kubelet.PodNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test bed of its own, to show that stopping it leaves nothing behind and that bad set-ups fail clearly. */
class TeardownTest {
  @Test
  void stoppingTheTestbedLeavesNoProcessNamespaceLinkOrMountBehind() throws Exception {
    Path dir = SharedTestbed.freshDir("testbed-teardown");
    Testbed testbed = Testbed.start(Testbed.Options.forTest(dir, "bytd", "10.213.11.0/24"));
    List<Long> pids = new ArrayList<>();
    try {
      String yaml = """
          apiVersion: v1
          kind: Pod
          metadata: {name: sleeper, namespace: default}
          spec:
            containers:
            - name: main
              image: busybox
              command: [sh, -c, 'sleep 3600']
              volumeMounts: [{name: scratch, mountPath: /blockyard-teardown-probe/scratch}]
            volumes: [{name: scratch, emptyDir: {}}]
          """;
      for (HasMetadata item : testbed.client().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
          .items()) {
        testbed.client().resource(item).serverSideApply();
      }
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> TestNodes.isReady(
          testbed.client().pods().inNamespace("default").withName("sleeper").get()));
      Pod pod = testbed.client().pods().inNamespace("default").withName("sleeper").get();
      pids.add(Long.parseLong(pod.getStatus().getContainerStatuses().get(0).getContainerID()
          .substring("process://".length())));
      assertThat(PodNetwork.leftovers("bytd")).isNotEmpty();
      assertThat(Path.of("/blockyard-teardown-probe")).exists();
      for (String program : List.of("etcd", "kube-apiserver", "kube-controller-manager")) {
        pids.addAll(pidsOf(program, dir.toString()));
      }
      assertThat(pids).hasSizeGreaterThanOrEqualTo(4);
      assertThat(streamingThreads("bytd")).isNotEmpty();
    } finally {
      testbed.close();
    }
    // A killed process can stay a zombie for a moment until its parent reaps it.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("pid %d (%s) still alive", pid, ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"))
            .isFalse();
      }
    });
    assertThat(PodNetwork.leftovers("bytd")).isEmpty();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(streamingThreads("bytd")).isEmpty());
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(dir.toString())
        .doesNotContain("/run/netns/bytd-");
    assertThat(Path.of("/blockyard-teardown-probe")).doesNotExist();
  }

  /** The kubelet streaming server's threads (accept loop, connections, forwards) of one node. */
  private static List<String> streamingThreads(String node) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.equals("kubelet-stream-" + node)).toList();
  }

  @Test
  void aTakenPortIsReportedByNameInsteadOfBreakingAnything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ControlPlane.Config config = new ControlPlane.Config(SharedTestbed.freshDir("testbed-port"), Ports.free(),
          Ports.free(), taken.getLocalPort(), "10.96.0.0/16");
      assertThatThrownBy(() -> new ControlPlane(config).start(Programs.locate()))
          .isInstanceOf(TestbedException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " (kube-apiserver) is already taken");
    }
  }

  @Test
  void aSecondTestbedWithTheSameNetworkNameIsRefusedWithAHint() {
    Testbed first = Testbed.start(Testbed.Options.forTest(SharedTestbed.freshDir("testbed-twice-1"), "bytw",
        "10.213.12.0/24"));
    try {
      assertThatThrownBy(() -> Testbed.start(Testbed.Options.forTest(SharedTestbed.freshDir("testbed-twice-2"),
          "bytw", "10.213.13.0/24")))
          .isInstanceOf(TestbedException.class)
          .hasMessageContaining("bytwbr0 already exists").hasMessageContaining("make playground-down");
      assertThat(first.client().nodes().withName("bytw").get()).isNotNull();
    } finally {
      first.close();
    }
    assertThat(PodNetwork.leftovers("bytw")).isEmpty();
  }

  static List<Long> pidsOf(String program, String argFragment) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/" + program)).orElse(false))
        .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(argFragment))
        .map(ProcessHandle::pid).toList();
  }
}
