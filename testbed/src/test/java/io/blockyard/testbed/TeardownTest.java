package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.blockyard.testbed.controlplane.ControlPlane;
import io.blockyard.testbed.node.NodeAddresses;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test bed of its own, to show that stopping it leaves nothing behind and that bad set-ups fail clearly. */
class TeardownTest {
  @Test
  void stoppingTheTestbedLeavesNoProcessNamespaceLinkMountCgroupOrRuleBehind() throws Exception {
    String forwarding = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward"));
    String hostRules = hostRules();
    Path dir = SharedTestbed.freshDir("testbed-teardown");
    Testbed testbed = Testbed.start(Testbed.Options.forTest(dir, "bytd", "10.213.11.0/24"));
    List<Long> pids = new ArrayList<>();
    try {
      TestNodes.apply(testbed.client(), "default", """
          apiVersion: v1
          kind: Pod
          metadata: {name: sleeper}
          spec:
            containers:
            - name: main
              image: %s
              command: [sleep, '3600']
              volumeMounts: [{name: scratch, mountPath: /scratch}]
            volumes: [{name: scratch, emptyDir: {}}]
          """.formatted(testbed.images().reference("blockyard/busybox:")));
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> TestNodes.isReady(
          testbed.client().pods().inNamespace("default").withName("sleeper").get()));
      assertThat(Testbed.leftovers("bytd", dir)).as("what a running test bed holds")
          .anyMatch(l -> l.startsWith("netns bytd-node")).anyMatch(l -> l.startsWith("link bytdh0"))
          .anyMatch(l -> l.startsWith("mount ")).anyMatch(l -> l.startsWith("cgroup "))
          .anyMatch(l -> l.startsWith("process ") && l.contains("containerd"))
          .anyMatch(l -> l.contains("(in the node's cgroup)"));
      for (String program : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet",
          "kube-proxy", "containerd", "local-path-provisioner")) {
        assertThat(pidsOf(program, dir.toString())).as(program).isNotEmpty();
        pids.addAll(pidsOf(program, dir.toString()));
      }
      // The node's rules live in its own network namespace; the host's are untouched while it runs.
      assertThat(hostRules()).isEqualTo(hostRules);
    } finally {
      testbed.close();
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("pid %d (%s) still alive", pid, ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"))
            .isFalse();
      }
    });
    assertThat(Testbed.leftovers("bytd", dir)).isEmpty();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(dir.toString());
    assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward"))).isEqualTo(forwarding);
    assertThat(hostRules()).isEqualTo(hostRules);
    assertThat(Shell.run("ip", "route", "show")).doesNotContain("10.213.11.");
  }

  @Test
  void aTakenPortIsReportedByNameInsteadOfBreakingAnything() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      NodeAddresses addresses = NodeAddresses.of("10.213.14.0/24");
      ControlPlane.Config config = new ControlPlane.Config(SharedTestbed.freshDir("testbed-port"), "127.0.0.1",
          Ports.free(), Ports.free(), taken.getLocalPort(), addresses.serviceCidr(), addresses.kubernetesServiceIp());
      assertThatThrownBy(() -> new ControlPlane(config).start(Programs.locate()))
          .isInstanceOf(TestbedException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " (kube-apiserver) is already taken");
    }
  }

  @Test
  void aSecondTestbedWithTheSameNameIsRefusedWithAHint() {
    Path dir = SharedTestbed.freshDir("testbed-twice-1");
    Testbed first = Testbed.start(Testbed.Options.forTest(dir, "bytw", "10.213.12.0/24"));
    try {
      assertThatThrownBy(() -> Testbed.start(Testbed.Options.forTest(SharedTestbed.freshDir("testbed-twice-2"),
          "bytw", "10.213.13.0/24")))
          .isInstanceOf(TestbedException.class)
          .hasMessageContaining("bytw-node").hasMessageContaining("already exists")
          .hasMessageContaining("make playground-down");
      assertThat(first.client().nodes().withName("bytw").get()).isNotNull();
    } finally {
      first.close();
    }
    assertThat(Testbed.leftovers("bytw", dir)).isEmpty();
  }

  /** The host's iptables and ip6tables rules, without iptables-save's time stamps and packet counters. */
  static String hostRules() {
    return (Shell.run("iptables-save") + Shell.run("ip6tables-save")).lines()
        .filter(l -> !l.startsWith("#")).map(l -> l.replaceAll(" \\[\\d+:\\d+\\]$", ""))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  static List<Long> pidsOf(String program, String argFragment) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/" + program)).orElse(false))
        .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(argFragment))
        .map(ProcessHandle::pid).toList();
  }
}
