package io.blockyard.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.operator.OperatorProcesses;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator installed as a user installs it: {@code helm install} of deploy/helm/blockyard on the test bed, two
 * replicas of the image the build made, then what a user checks: the Deployment is Available and runs as non-root,
 * one replica holds the Lease and the other takes over when the leader's pod is deleted (a network and a channel
 * created meanwhile converge, the channel opened once), /metrics through a
 * port-forward matches status, {@code helm upgrade} to namespaced mode leaves other namespaces alone, and
 * {@code helm uninstall} leaves the CRDs and the running networks.
 * A release of its own (not "blockyard"), so that the cluster-wide objects of the host-run operator other test
 * classes use (deploy/rbac/operator.yaml, the admission policy) are not Helm's to take over.
 */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InClusterOperatorTest {
  static final String RELEASE = "byop";
  static final String SYSTEM = "byop-system";
  static final String OPERATOR = RELEASE + "-operator";
  static final String WATCHED = "byop-a";
  static final String OTHER = "byop-b";
  static final Duration LEASE = Duration.ofSeconds(10);
  static Testbed testbed;
  static KubernetesClient client;

  @BeforeAll
  static void install(Testbed bed) {
    testbed = bed;
    client = bed.client();
    TestNodes.createNamespace(client, WATCHED);
    TestNodes.createNamespace(client, OTHER);
    helm("install", RELEASE, ChartTest.CHART.toString(), "--namespace", SYSTEM, "--create-namespace", "--wait",
        "--timeout", "6m", "--set", "replicas=2", "--set", "leaderElection.leaseDuration=" + LEASE.toSeconds() + "s",
        "--set", "serviceAccount.name=" + OPERATOR, "--set", "admissionPolicy.enabled=false");
  }

  @AfterAll
  static void cleanUp() {
    if (client == null) {
      return;
    }
    Shell.runAllowingFailure(300, helmCommand("uninstall", RELEASE, "--namespace", SYSTEM, "--wait"));
    for (String ns : List.of(WATCHED, OTHER, SYSTEM)) {
      client.namespaces().withName(ns).delete();
    }
  }

  static String[] helmCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(ChartTest.HELM.toString(), "--kubeconfig",
        testbed.kubeconfig().toString()));
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }

  static String helm(String... args) {
    Shell.Result r = Shell.runAllowingFailure(600, helmCommand(args));
    assertThat(r.exitCode()).as("helm %s:\n%s\noperator pods: %s", String.join(" ", args), r.output(),
        operatorPods().stream().map(p -> p.getMetadata().getName() + " " + p.getStatus().getPhase()).toList())
        .isZero();
    return r.output();
  }

  static List<Pod> operatorPods() {
    return client.pods().inNamespace(SYSTEM).withLabel("app.kubernetes.io/instance", RELEASE).list().getItems()
        .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  static String holder() {
    Lease lease = client.leases().inNamespace(SYSTEM).withName(OPERATOR).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  static BitcoinNetwork network(String ns, String name) {
    return client.resources(BitcoinNetwork.class).inNamespace(ns).withName(name).get();
  }

  static String condition(BitcoinNetwork n, String type) {
    if (n == null || n.getStatus() == null) {
      return null;
    }
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).map(c -> c.getStatus())
        .findFirst().orElse(null);
  }

  static void applyNetwork(String ns, String name) {
    TestNodes.apply(client, ns, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: %s}
        spec:
          replicas: 2
          mining: {initialBlocks: 10}
        """.formatted(name));
  }

  static void awaitMeshedAndSynced(String ns, String name, Duration within) {
    await().atMost(within).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network(ns, name);
      assertThat(List.of(condition(n, "Ready"), condition(n, "Meshed"), condition(n, "Synced")))
          .as("%s/%s Ready, Meshed, Synced", ns, name).containsOnly("True");
      assertThat(n.getStatus().getBlockHeight()).isEqualTo(10L);
    });
  }

  @Test
  @Order(1)
  void theDeploymentIsAvailableFromTheLocalImageAsNonRootAndOneReplicaHoldsTheLease() {
    Deployment d = client.apps().deployments().inNamespace(SYSTEM).withName(OPERATOR).get();
    assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Available");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    List<Pod> pods = operatorPods();
    assertThat(pods).hasSize(2).allSatisfy(p -> {
      assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("blockyard/operator:0.1.0-SNAPSHOT");
      assertThat(p.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("containerd://");
    });
    assertThat(OperatorProcesses.uidsOnNode(System.getProperty("blockyard.testbed.name", "byt")))
        .as("uids of the operator JVMs in the node's containers").containsExactly(1000L, 1000L);
    await().atMost(LEASE.plusSeconds(20)).untilAsserted(() -> assertThat(holder())
        .isIn(pods.stream().map(p -> p.getMetadata().getName()).toList()));
    assertThat(pods.stream().filter(p -> logs(p).contains(p.getMetadata().getName() + " leads")).count())
        .as("replicas that say they lead").isEqualTo(1);
  }

  static String logs(Pod p) {
    return Objects.requireNonNullElse(client.pods().inNamespace(SYSTEM).withName(p.getMetadata().getName())
        .getLog(), "");
  }

  @Test
  @Order(2)
  void aNetworkConvergesAndMetricsMatchItsStatus() throws Exception {
    applyNetwork(WATCHED, "metered");
    awaitMeshedAndSynced(WATCHED, "metered", Duration.ofSeconds(240));
    String leader = holder();
    try (LocalPortForward forward = client.pods().inNamespace(SYSTEM).withName(leader).portForward(8080)) {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + forward.getLocalPort() + "/metrics");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        BitcoinNetwork n = network(WATCHED, "metered");
        String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body.lines())
            .anyMatch(l -> l.startsWith("operator_sdk_reconciliations_started_total"))
            .anyMatch(l -> l.startsWith("operator_sdk_reconciliations_success_total"))
            .contains("blockyard_network_block_height{name=\"metered\",namespace=\"" + WATCHED + "\"} "
                + n.getStatus().getBlockHeight().doubleValue())
            .contains("blockyard_network_ready_nodes{name=\"metered\",namespace=\"" + WATCHED + "\"} "
                + n.getStatus().getReadyReplicas().doubleValue())
            .contains("blockyard_network_condition{name=\"metered\",namespace=\"" + WATCHED + "\",type=\"Synced\"} 1.0")
            .anyMatch(l -> l.startsWith("blockyard_network_node_peers{name=\"metered\",namespace=\"" + WATCHED
                + "\",node=\"metered-0\"} " + n.getStatus().getNodes().get(0).getPeers().doubleValue()));
      });
    }
  }

  @Test
  @Order(3)
  void whenTheLeadersPodIsDeletedTheOtherReplicaTakesOverAndANetworkCreatedMeanwhileConverges() {
    String leader = holder();
    String standby = operatorPods().stream().map(p -> p.getMetadata().getName()).filter(n -> !n.equals(leader))
        .findFirst().orElseThrow();
    long start = System.nanoTime();
    client.pods().inNamespace(SYSTEM).withName(leader).delete();
    applyNetwork(WATCHED, "handover");
    await().atMost(LEASE.plusSeconds(10)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(holder()).isEqualTo(standby));
    Duration takeover = Duration.ofNanos(System.nanoTime() - start);
    System.out.println("the standby took the Lease " + takeover.toMillis() + " ms after the leader's pod was deleted");
    awaitMeshedAndSynced(WATCHED, "handover", Duration.ofSeconds(240));
  }

  @Test
  @Order(4)
  void aLightningChannelCreatedDuringAHandoverOpensExactlyOneChannel() {
    TestNodes.apply(client, WATCHED, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: ln}
        spec: {replicas: 1, mining: {initialBlocks: 101}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: carol}
        spec: {network: ln}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: dave}
        spec: {network: ln}
        """);
    for (String node : List.of("carol", "dave")) {
      await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
          .untilAsserted(() -> assertThat(lightningCondition(node, "Ready")).as(node).isEqualTo("True"));
    }
    String leader = holder();
    client.pods().inNamespace(SYSTEM).withName(leader).delete();
    TestNodes.apply(client, WATCHED, """
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: carol-dave}
        spec: {from: carol, to: {node: dave}, capacitySat: 500000, fund: true}
        """);
    await().atMost(LEASE.plusSeconds(10)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(holder()).isNotNull().isNotEqualTo(leader));
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() ->
        assertThat(client.resources(LightningChannel.class).inNamespace(WATCHED).withName("carol-dave").get()
            .getStatus().getState()).isEqualTo(ChannelState.OPEN));
    // Once the channel is open, carol's lnd has that one channel and none pending: no second open went out.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
      LightningNodeStatus carol = client.resources(LightningNode.class).inNamespace(WATCHED).withName("carol").get()
          .getStatus();
      assertThat(List.of(carol.getActiveChannels(), carol.getPendingChannels())).containsExactly(1, 0);
    });
  }

  static String lightningCondition(String node, String type) {
    return client.resources(LightningNode.class).inNamespace(WATCHED).withName(node).get().getStatus()
        .getConditions().stream().filter(c -> c.getType().equals(type)).map(c -> c.getStatus()).findFirst()
        .orElse(null);
  }

  @Test
  @Order(5)
  void anUpgradeToNamespacedModeLeavesANetworkInAnotherNamespaceUntouched() {
    helm("upgrade", RELEASE, ChartTest.CHART.toString(), "--namespace", SYSTEM, "--reuse-values", "--wait",
        "--timeout", "6m", "--set", "watchNamespaces={" + WATCHED + "}");
    assertThat(client.rbac().clusterRoles().withName(OPERATOR).get()).as("the ClusterRole, gone with the upgrade")
        .isNull();
    assertThat(client.rbac().roles().inNamespace(WATCHED).withName(OPERATOR).get()).isNotNull();
    Deployment d = client.apps().deployments().inNamespace(SYSTEM).withName(OPERATOR).get();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("BLOCKYARD_WATCH_NAMESPACES=" + WATCHED));

    // As kubectl rollout status does: until the old replicas are gone (a leader keeps its old settings until it
    // stops) and a new one holds the Lease.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      List<Pod> all = client.pods().inNamespace(SYSTEM).withLabel("app.kubernetes.io/instance", RELEASE).list()
          .getItems();
      assertThat(all).hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getEnv())
          .anySatisfy(e -> assertThat(e.getValue()).isEqualTo(WATCHED)));
      assertThat(holder()).isIn(all.stream().map(p -> p.getMetadata().getName()).toList());
    });
    applyNetwork(OTHER, "unwatched");
    applyNetwork(WATCHED, "watched");
    awaitMeshedAndSynced(WATCHED, "watched", Duration.ofSeconds(240));
    // As kubectl get -o yaml shows it (the Java model always has a status object).
    var unwatched = client.genericKubernetesResources("blockyard.io/v1alpha1", "BitcoinNetwork").inNamespace(OTHER)
        .withName("unwatched").get();
    assertThat(unwatched.getAdditionalProperties()).as("a network the operator does not watch").doesNotContainKey(
        "status");
    assertThat(unwatched.getMetadata().getFinalizers()).isEmpty();
    assertThat(client.apps().statefulSets().inNamespace(OTHER).list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace(OTHER).list().getItems())
        .noneMatch(s -> s.getMetadata().getName().startsWith("unwatched"));
  }

  @Test
  @Order(6)
  void uninstallRemovesTheOperatorAndLeavesTheCrdsAndTheRunningNetworks() {
    helm("uninstall", RELEASE, "--namespace", SYSTEM, "--wait");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(operatorPods()).isEmpty());
    assertThat(client.apps().deployments().inNamespace(SYSTEM).withName(OPERATOR).get()).isNull();
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("bitcoinnetworks.blockyard.io").get())
        .as("Helm keeps the CRDs of crds/").isNotNull();
    assertThat(network(WATCHED, "watched")).isNotNull();
    assertThat(client.apps().statefulSets().inNamespace(WATCHED).withName("watched").get().getStatus()
        .getReadyReplicas()).as("the network's nodes run on, unmanaged").isEqualTo(2);
  }
}
