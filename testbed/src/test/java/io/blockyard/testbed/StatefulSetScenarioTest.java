package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed scenario's Kubernetes half, with plain manifests and no operator: a StatefulSet of three btcd pods on the
 * real control plane and node.
 */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatefulSetScenarioTest {
  static final String NS = "sts-scenario";
  static final String USER = "tester";
  static final String PASSWORD = "not-a-real-secret";
  static KubernetesClient client;

  static final String MANIFEST = """
      apiVersion: v1
      kind: Secret
      metadata: {name: btcd-rpc}
      stringData: {user: %s, password: %s}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: btcd}
      spec:
        clusterIP: None
        selector: {app: btcd}
        ports: [{name: rpc, port: 18334}]
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: btcd}
      spec:
        serviceName: btcd
        replicas: 3
        podManagementPolicy: Parallel
        selector: {matchLabels: {app: btcd}}
        template:
          metadata: {labels: {app: btcd}}
          spec:
            securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000}
            terminationGracePeriodSeconds: 10
            containers:
            - name: btcd
              image: blockyard/btcd:v0.26.2
              env:
              - {name: RPC_USER, valueFrom: {secretKeyRef: {name: btcd-rpc, key: user}}}
              - {name: RPC_PASS, valueFrom: {secretKeyRef: {name: btcd-rpc, key: password}}}
              args: [--regtest, --datadir=/data, --logdir=/data/logs, --rpcuser=$(RPC_USER), --rpcpass=$(RPC_PASS),
                     --rpclisten=0.0.0.0:18334, --rpccert=/data/rpc.cert, --rpckey=/data/rpc.key]
              readinessProbe:
                exec:
                  command: [sh, -c, 'btcctl --regtest --rpcserver=127.0.0.1:18334 --rpccert=/data/rpc.cert
                    --rpcuser="$RPC_USER" --rpcpass="$RPC_PASS" getblockcount']
                periodSeconds: 1
              volumeMounts: [{name: data, mountPath: /data}]
            volumes: [{name: data, emptyDir: {}}]
      """.formatted(USER, PASSWORD);

  @BeforeAll
  static void createNamespace(Testbed testbed) {
    client = testbed.client();
    TestNodes.createNamespace(client, NS);
  }

  static void apply(String yaml) {
    TestNodes.apply(client, NS, yaml);
  }

  static List<Pod> readyPods() {
    return TestNodes.pods(client, NS, "btcd").stream().filter(TestNodes::isReady)
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  @Test
  @Order(1)
  void threeBtcdPodsBecomeRunningAndReadyWithDistinctIps() {
    apply(MANIFEST);
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> assertThat(readyPods()).hasSize(3));
    List<Pod> pods = readyPods();
    assertThat(pods).allSatisfy(p -> {
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
      assertThat(p.getStatus().getPodIP()).startsWith("10.213.10.");
    });
    assertThat(pods.stream().map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet())).hasSize(3);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(client.apps().statefulSets()
        .inNamespace(NS).withName("btcd").get().getStatus().getReadyReplicas()).isEqualTo(3));
  }

  /** kube-controller-manager's endpoint-slice controller lists the ready pods behind the headless Service. */
  @Test
  @Order(2)
  void theHeadlessServicesEndpointSliceListsTheThreeReadyPodIps() {
    Set<String> podIps = readyPods().stream().map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var slices = client.discovery().v1().endpointSlices().inNamespace(NS)
          .withLabel("kubernetes.io/service-name", "btcd").list().getItems();
      Set<String> ready = slices.stream().flatMap(s -> s.getEndpoints().stream())
          .filter(e -> Boolean.TRUE.equals(e.getConditions().getReady()))
          .flatMap(e -> e.getAddresses().stream()).collect(Collectors.toSet());
      assertThat(ready).isEqualTo(podIps);
      assertThat(slices.get(0).getPorts()).anySatisfy(port -> assertThat(port.getPort()).isEqualTo(18334));
    });
  }

  @Test
  @Order(3)
  void btcdRpcAnswersOnEveryPodIpFromTheHost() throws Exception {
    for (Pod pod : readyPods()) {
      String url = "https://" + pod.getStatus().getPodIP() + ":18334/";
      assertThat(TestNodes.rpc(url, USER, PASSWORD, "getblockcount").asLong()).isZero();
      assertThat(TestNodes.rpc(url, USER, PASSWORD, "getinfo").get("version").asInt()).isGreaterThan(0);
    }
  }

  @Test
  @Order(4)
  void aDeletedPodIsRecreatedByTheStatefulSetControllerWithANewIpAndBecomesReady() throws Exception {
    Pod old = client.pods().inNamespace(NS).withName("btcd-1").get();
    String oldUid = old.getMetadata().getUid();
    String oldIp = old.getStatus().getPodIP();
    client.pods().inNamespace(NS).withName("btcd-1").delete();
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      Pod fresh = client.pods().inNamespace(NS).withName("btcd-1").get();
      assertThat(fresh).isNotNull();
      assertThat(fresh.getMetadata().getUid()).isNotEqualTo(oldUid);
      assertThat(TestNodes.isReady(fresh)).isTrue();
    });
    Pod fresh = client.pods().inNamespace(NS).withName("btcd-1").get();
    assertThat(fresh.getStatus().getPodIP()).isNotEqualTo(oldIp);
    assertThat(TestNodes.rpc("https://" + fresh.getStatus().getPodIP() + ":18334/", USER, PASSWORD,
        "getblockcount").asLong()).isZero();
  }

  @Test
  @Order(5)
  void deletingTheStatefulSetsOwnerRemovesItsPodsThroughTheGarbageCollector() {
    var sts = client.apps().statefulSets().inNamespace(NS).withName("btcd").get();
    var owner = client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("network-owner").endMetadata().build()).create();
    sts.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withApiVersion("v1").withKind("ConfigMap").withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).build()));
    sts.getMetadata().setManagedFields(null);
    client.apps().statefulSets().inNamespace(NS).resource(sts).update();
    Set<String> ips = readyPods().stream().map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());
    assertThat(ips).hasSize(3);

    client.configMaps().inNamespace(NS).withName("network-owner").delete();

    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(NS).withName("btcd").get()).isNull();
      assertThat(TestNodes.pods(client, NS, "btcd")).isEmpty();
    });
    // The processes are gone too: nothing answers on the old addresses.
    for (String ip : ips) {
      assertThat(canConnect(ip, 18334)).as("btcd still listening on %s", ip).isFalse();
    }
  }

  static boolean canConnect(String ip, int port) {
    try (var socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(ip, port), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
