package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** A network with storage, edited the way a user edits it: changes roll out, status stays quiet when idle. */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkEditsTest {
  static final String NS = "network-edits";
  static Testbed testbed;
  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void start(Testbed bed) throws Exception {
    testbed = bed;
    client = bed.client();
    operator = RunningOperator.start(bed);
    TestNodes.createNamespace(client, NS);
  }

  @AfterAll
  static void stop() {
    // The network mines every 2 s at the end: it goes, so that it does not keep the shared test bed busy.
    client.namespaces().withName(NS).delete();
    if (operator != null) {
      operator.close();
    }
  }

  static BitcoinNetwork network() {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName("edit").get();
  }

  static boolean settled(BitcoinNetwork n, int replicas) {
    return n != null && n.getStatus() != null && n.getStatus().getObservedGeneration() != null
        && n.getStatus().getObservedGeneration().equals(n.getMetadata().getGeneration())
        && n.getStatus().getReadyReplicas() != null && n.getStatus().getReadyReplicas() == replicas
        && n.getStatus().getConditions().stream().allMatch(c -> c.getStatus().equals("True"));
  }

  static Set<String> podUids() {
    return client.pods().inNamespace(NS).list().getItems().stream().map(p -> p.getMetadata().getUid())
        .collect(Collectors.toSet());
  }

  @Test
  @Order(1)
  void storageGivesEachNodeABoundClaimAndAReplacedNodeRejoinsAtTheTip() {
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: edit}
        spec:
          replicas: 2
          chain: simnet
          storage: {size: 2Gi}
          mining: {initialBlocks: 3}
        """);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> settled(network(), 2));
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems())
        .extracting(c -> c.getMetadata().getName() + "=" + c.getStatus().getPhase())
        .containsExactlyInAnyOrder("data-edit-0=Bound", "data-edit-1=Bound");
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-edit-0").get().getSpec()
        .getResources().getRequests().get("storage")).isEqualTo(new Quantity("2Gi"));

    // On simnet the replaced node keeps its chain on its volume (on regtest btcd would wipe it at the start).
    client.pods().inNamespace(NS).withName("edit-0").delete();
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(settled(n, 2)).isTrue();
      assertThat(n.getStatus().getNodes()).allSatisfy(node -> assertThat(node.getBlockHeight()).isEqualTo(3));
    });
  }

  @Test
  @Order(2)
  void eventsTellTheNetworksStory() {
    List<Event> events = client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "BitcoinNetwork".equals(e.getInvolvedObject().getKind())
            && "edit".equals(e.getInvolvedObject().getName())).toList();
    assertThat(events).extracting(Event::getReason)
        .contains("Ready:AllNodesReady", "Meshed:AllNodesAdded", "Synced:SameTip", "InitialBlocksMined");
    assertThat(events).allSatisfy(e -> assertThat(e.getSource().getComponent()).isEqualTo("blockyard-operator"));
  }

  @Test
  @Order(3)
  void statusIsNotRewrittenWhileNothingChanges() throws Exception {
    // After the replaced node came back, its connections and added-node lists still settle for some seconds: real
    // changes, reported in status. Once the status has stood still for two of the operator's 2 s passes, it must
    // not be written again while nothing changes (an operator that rewrote it every pass never gets that far).
    await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> statusStandsStillFor(4_000));
    assertThat(statusStandsStillFor(8_000)).as("status rewritten although nothing changed").isTrue();
  }

  private static boolean statusStandsStillFor(long millis) throws InterruptedException {
    String before = network().getMetadata().getResourceVersion();
    Thread.sleep(millis);
    return network().getMetadata().getResourceVersion().equals(before);
  }

  @Test
  @Order(4)
  void editedArgumentsResourcesAndImageRollOutToThePods() {
    Set<String> before = podUids();
    // Another name for the same btcd image, as a user's own build of it would have.
    testbed.node().containerd().tag("blockyard/btcd:v0.26.2", "blockyard/btcd:v0.26.2-edited");
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("edit").edit(n -> {
      n.getSpec().setExtraArgs(List.of("--maxpeers=20"));
      n.getSpec().setImage("blockyard/btcd:v0.26.2-edited");
      n.getSpec().setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
          .withRequests(Map.of("memory", new Quantity("64Mi"))).build());
      return n;
    });
    await().atMost(Duration.ofSeconds(180)).ignoreExceptions().untilAsserted(() -> {
      assertThat(settled(network(), 2)).isTrue();
      List<Pod> pods = client.pods().inNamespace(NS).list().getItems();
      assertThat(pods).hasSize(2).allSatisfy(p -> {
        assertThat(before).doesNotContain(p.getMetadata().getUid());
        var container = p.getSpec().getContainers().get(0);
        assertThat(container.getArgs()).contains("--maxpeers=20");
        assertThat(container.getImage()).isEqualTo("blockyard/btcd:v0.26.2-edited");
        assertThat(container.getResources().getRequests().get("memory")).isEqualTo(new Quantity("64Mi"));
        assertThat(TestNodes.isReady(p)).isTrue();
      });
      assertThat(network().getStatus().getNodes()).allSatisfy(node -> assertThat(node.getBlockHeight()).isEqualTo(3));
    });
    StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("edit").get();
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--maxpeers=20");
  }

  @Test
  @Order(5)
  void anIntervalMinesABlockEveryInterval() {
    long start = network().getStatus().getBlockHeight();
    client.resources(BitcoinNetwork.class).inNamespace(NS).withName("edit").edit(n -> {
      n.getSpec().getMining().setInterval("2s");
      return n;
    });
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(network().getStatus()
        .getNodes()).allSatisfy(node -> assertThat(node.getBlockHeight()).isGreaterThanOrEqualTo(start + 3)));
  }
}
