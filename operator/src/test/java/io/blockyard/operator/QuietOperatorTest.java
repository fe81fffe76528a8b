package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.lightning.ApplicationLnd;
import io.blockyard.operator.lightning.LndProgram;
import io.blockyard.rpc.lnd.AddedInvoice;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.PaymentFailedException;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An idle operator is quiet: once two networks (one with the user's own credentials Secret), two Lightning nodes and
 * a channel have settled, the API server's own counters see no write to anything the operator owns or reports on,
 * and no GET of a Secret or of the operator's resources, while the operator keeps observing the nodes every few
 * seconds.
 */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuietOperatorTest {
  static final String NS = "quiet";
  /** Resources the operator writes: owned objects, its resources' status, Events. */
  static final Set<String> OWNED = Set.of("secrets", "configmaps", "services", "statefulsets", "networkpolicies",
      "events", "bitcoinnetworks", "lightningnodes", "lightningchannels");
  static final Set<String> RESOURCES = Set.of("bitcoinnetworks", "lightningnodes", "lightningchannels");
  /**
   * Long enough for every idle network to be looked at at least once (every 30 s); an idle Lightning node or channel
   * is looked at every 5 minutes, or when its lnd tells of a change.
   */
  static final Duration IDLE = Duration.ofSeconds(30);
  /**
   * Most REST calls an idle lnd node gets in {@link #IDLE}: one node pass (state, getinfo, two balances) and one pass
   * of the channel it opened (getinfo, its channel list), should they fall in the window.
   */
  static final long LND_IDLE_REQUESTS = 6;
  /**
   * How soon status shows a payment: about a second on a quiet machine, a few on a loaded one; without lnd's events
   * it would wait for the 5-minute poll.
   */
  static final Duration STATUS_FOLLOWS = Duration.ofSeconds(10);
  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void start(Testbed testbed) throws Exception {
    client = testbed.client();
    operator = RunningOperator.start(testbed);
    TestNodes.createNamespace(client, NS);
    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: Secret
        metadata: {name: own-rpc}
        stringData: {user: alice, password: a-password-of-the-users-own}
        """);
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: own}
        spec:
          replicas: 1
          rpc: {credentialsSecret: own-rpc}
        """);
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec:
          replicas: 2
          mining: {initialBlocks: 1}
        """);
    for (String name : List.of("alice", "bob")) {
      TestNodes.apply(client, NS, """
          apiVersion: blockyard.io/v1alpha1
          kind: LightningNode
          metadata: {name: %s}
          spec: {network: chain, extraArgs: [--trickledelay=50]}
          """.formatted(name));
    }
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: LightningChannel
        metadata: {name: alice-bob}
        spec: {from: alice, to: {node: bob}, capacitySat: 500000, pushSat: 10000, fund: true}
        """);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  @Order(1)
  void anIdleOperatorWritesNothingAndReadsOnlyItsCaches() throws Exception {
    await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .until(QuietOperatorTest::settled);
    // Connections, balances and added-node lists settle for some seconds after the channel opened: real changes.
    // Once nothing has moved for several passes, nothing may be written while nothing changes.
    awaitStandingStill(Duration.ofSeconds(8), Duration.ofSeconds(120));

    StatusChanges changes = new StatusChanges();
    ApiRequestCounts before;
    Map<String, Long> requests;
    Map<Long, String> threadsBefore;
    Map<Long, String> threadsAfter;
    Map<String, Long> nodeRequestsBefore;
    Map<String, Long> nodeRequestsAfter;
    // The API server counts requests for the whole cluster: resources other tests left running change for real too,
    // so changes are watched in every namespace.
    // Each watch starts from a list's resourceVersion: a watch from "now" (none given) needs etcd's watch progress
    // requests, which the test bed's etcd lacks, and the API server refuses it.
    try (var w1 = client.resources(BitcoinNetwork.class).inAnyNamespace()
            .watch(changes.fromNow(BitcoinNetwork.class, "bitcoinnetworks"),
            changes.of("bitcoinnetworks"));
        var w2 = client.resources(LightningNode.class).inAnyNamespace()
            .watch(changes.fromNow(LightningNode.class, "lightningnodes"),
            changes.of("lightningnodes"));
        var w3 = client.resources(LightningChannel.class).inAnyNamespace()
            .watch(changes.fromNow(LightningChannel.class, "lightningchannels"),
            changes.of("lightningchannels"))) {
      before = ApiRequestCounts.read(client);
      threadsBefore = threads();
      nodeRequestsBefore = operator.nodeRequests();
      Thread.sleep(IDLE.toMillis());
      requests = ApiRequestCounts.read(client).since(before);
      threadsAfter = threads();
      nodeRequestsAfter = operator.nodeRequests();
    }

    Map<String, Long> writes = requests.entrySet().stream()
        .filter(e -> ApiRequestCounts.WRITES.contains(ApiRequestCounts.verb(e.getKey()))
            && OWNED.contains(ApiRequestCounts.resource(e.getKey())))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    // A node may really change in the window (a peer drops and comes back): a status write that changed the status is
    // seen by a watch as a new version. Only writes that changed nothing count; an identical status written again is
    // still a request, but no new version.
    changes.byKind().forEach((kind, n) -> writes.computeIfPresent("APPLY " + kind + "/status",
        (k, count) -> count > n ? count - n : null));
    assertThat(writes).as("writes in %s of idle (all requests: %s)", IDLE, requests).isEmpty();
    // Reads come from the informers' caches: no Secret is read from the API server, and the operator's resources are
    // not read per pass (a pass every 2 or 3 s for each: at least 10 in the window; the controller manager's garbage
    // collector may read an owner now and then).
    assertThat(requests.getOrDefault("GET secrets", 0L)).as("Secret GETs in %s of idle (all requests: %s)", IDLE,
        requests).isZero();
    assertThat(requests).as("GETs of the operator's resources in %s of idle", IDLE)
        .allSatisfy((request, count) -> {
          if (ApiRequestCounts.verb(request).equals("GET") && RESOURCES.contains(ApiRequestCounts.resource(request))) {
            assertThat(count).as(request).isLessThan(IDLE.toSeconds() / 3);
          }
        });
    assertThat(settled()).as("still settled after the idle window").isTrue();

    // btcd tells of new blocks itself and an idle network is asked every 30 s (one batched request): fewer than 30
    // a minute here, where it was one every 2 s before. lnd tells of its changes over its event streams, which send
    // nothing while nothing happens, and an idle Lightning node and channel are looked at every 5 minutes as a safety
    // net: in the window an lnd node sees at most one node pass and one channel pass of its own.
    Map<String, Long> perNode = new TreeMap<>();
    nodeRequestsAfter.forEach((server, count) -> perNode.put(server, count - nodeRequestsBefore.getOrDefault(server,
        0L)));
    System.out.println("requests to each node in " + IDLE + " of idle: " + perNode);
    perNode.values().removeIf(n -> n == 0);
    assertThat(perNode).as("requests to each node in %s of idle", IDLE).isNotEmpty()
        .allSatisfy((server, count) -> assertThat(count).as(server).isLessThanOrEqualTo(
            server.endsWith(":" + LndProgram.REST_PORT) ? LND_IDLE_REQUESTS : IDLE.toSeconds() / 2 - 1));

    // The operator runs in this JVM: its clients live as long as their endpoints and share bounded pools, so passes
    // start no threads of its own. (The tests' own clients and the test bed, in this JVM too, use JDK HttpClients,
    // so JDK HttpClient threads are not counted here: SharedHttpClientsTest shows node clients start none, and
    // docs/performance.md has the thread count of an operator in a process of its own.)
    // (JOSDK renames its pool threads while they reconcile: threads are told apart by id.)
    Map<Long, String> started = new TreeMap<>(threadsAfter);
    started.keySet().removeAll(threadsBefore.keySet());
    // A worker of the shared HTTP pool that ended when idle may be replaced; the pool stays within its bound.
    started.values().removeIf(name -> name.startsWith("HttpClient-") || name.startsWith("node-http-"));
    // JOSDK's reconcile and workflow pools start a thread per task until they reach their bound, which an idle
    // operator (a pass every 30 s per resource) reaches later than a busy one: those count against their bound.
    long poolThreadsStarted = started.values().stream().filter(QuietOperatorTest::poolThread).count();
    started.values().removeIf(QuietOperatorTest::poolThread);
    assertThat(poolThreadsStarted).as("pool threads started during %s of idle", IDLE)
        .isLessThanOrEqualTo(BlockyardOperator.RECONCILE_THREADS + BlockyardOperator.WORKFLOW_THREADS);
    assertThat(started).as("threads started during %s of idle", IDLE).hasSizeLessThanOrEqualTo(3);
    assertThat(threadsAfter.values()).filteredOn(t -> t.startsWith("node-http-"))
        .hasSizeLessThanOrEqualTo(BlockyardOperator.HTTP_THREADS);
  }

  /**
   * An idle node and channel are looked at only every 5 minutes: a payment shows in their status within seconds
   * because lnd tells of it (its HTLC events), not because of a poll.
   */
  @Test
  @Order(2)
  void aPaymentAtIdleShowsInBothNodesAndTheChannelWithinSeconds() {
    await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .until(QuietOperatorTest::settled);
    long aliceBefore = node("alice").getStatus().getChannelLocalBalanceSat();
    long bobBefore = node("bob").getStatus().getChannelLocalBalanceSat();
    long channelBefore = channel().getStatus().getLocalBalanceSat();
    LndNode alice = ApplicationLnd.of(client, NS, "alice");
    AddedInvoice invoice = ApplicationLnd.of(client, NS, "bob").addInvoice(1000, "quiet");

    // "active" can come a moment before the link takes HTLCs: lnd then answers insufficient_balance.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .ignoreException(PaymentFailedException.class)
        .until(() -> alice.payInvoice(invoice.paymentRequest()), paid -> true);
    long paid = System.nanoTime();

    await().atMost(STATUS_FOLLOWS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      assertThat(node("alice").getStatus().getChannelLocalBalanceSat()).isEqualTo(aliceBefore - 1000);
      assertThat(node("bob").getStatus().getChannelLocalBalanceSat()).isEqualTo(bobBefore + 1000);
      assertThat(channel().getStatus().getLocalBalanceSat()).isEqualTo(channelBefore - 1000);
    });
    System.out.println("status followed the payment in " + Duration.ofNanos(System.nanoTime() - paid).toMillis()
        + " ms");
  }

  static LightningNode node(String name) {
    return client.resources(LightningNode.class).inNamespace(NS).withName(name).get();
  }

  static LightningChannel channel() {
    return client.resources(LightningChannel.class).inNamespace(NS).withName("alice-bob").get();
  }

  /** A thread of a bounded executor such as JOSDK's ({@code pool-N-thread-M}, with a prefix while it reconciles). */
  static boolean poolThread(String name) {
    return name.matches("(-?[0-9]+-)?pool-[0-9]+-thread-[0-9]+");
  }

  /** The JVM's live threads: id to name. */
  static Map<Long, String> threads() {
    return Thread.getAllStackTraces().keySet().stream().collect(Collectors.toMap(Thread::getId, Thread::getName));
  }

  static boolean settled() {
    boolean networks = Stream.of("own", "chain").map(n -> client.resources(BitcoinNetwork.class).inNamespace(NS)
        .withName(n).get()).allMatch(n -> n.getStatus() != null
            && n.getMetadata().getGeneration().equals(n.getStatus().getObservedGeneration())
            && n.getStatus().getConditions().stream().allMatch(c -> c.getStatus().equals("True")));
    boolean nodes = Stream.of("alice", "bob").map(n -> client.resources(LightningNode.class).inNamespace(NS)
        .withName(n).get()).allMatch(n -> n.getStatus() != null
            && Conditions.isTrue(n.getStatus().getConditions(), "Ready"));
    LightningChannel channel = client.resources(LightningChannel.class).inNamespace(NS).withName("alice-bob").get();
    return networks && nodes && channel.getStatus() != null && channel.getStatus().getState() == ChannelState.OPEN
        && Boolean.TRUE.equals(channel.getStatus().getActive());
  }

  /** Status changes a watch sees, by kind; each printed, so that a report shows what moved. */
  static final class StatusChanges {
    private final Map<String, Long> byKind = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> last = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Watch options that start at the current resourceVersion of the kind's list, whose statuses are remembered: a
     * watch from a resourceVersion sends no ADDED event for what exists, so a first change must be told from them.
     */
    <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> io.fabric8.kubernetes.api.model.ListOptions fromNow(
        Class<T> type, String kind) {
      var list = client.resources(type).inAnyNamespace().list();
      list.getItems().forEach(r -> last.put(kind + "/" + r.getMetadata().getNamespace() + "/"
          + r.getMetadata().getName(), client.getKubernetesSerialization().asJson(r.getStatus())));
      return new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
          .withResourceVersion(list.getMetadata().getResourceVersion()).build();
    }

    <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> io.fabric8.kubernetes.client.Watcher<T> of(
        String kind) {
      return new io.fabric8.kubernetes.client.Watcher<>() {
        @Override
        public void eventReceived(Action action, T resource) {
          String key = kind + "/" + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
          String status = client.getKubernetesSerialization().asJson(
              ((io.fabric8.kubernetes.client.CustomResource<?, ?>) resource).getStatus());
          String was = last.put(key, status);
          // Only a version whose status differs from the one before it (or from the list's) is a change.
          if (action == Action.MODIFIED && !status.equals(was)) {
            byKind.merge(kind, 1L, Long::sum);
            System.out.println("status changed during the idle window: " + key + "\n  was: " + was + "\n  now: "
                + status);
          }
        }

        @Override
        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
        }
      };
    }

    Map<String, Long> byKind() {
      return byKind;
    }
  }

  /** Every object the operator writes, by kind and name, with its resourceVersion; and how many Events there are. */
  static Map<String, String> versions() {
    Map<String, String> versions = new TreeMap<>();
    Stream.of(client.secrets().inNamespace(NS).list().getItems(),
        client.configMaps().inNamespace(NS).list().getItems(),
        client.services().inNamespace(NS).list().getItems(),
        client.apps().statefulSets().inNamespace(NS).list().getItems(),
        client.resources(BitcoinNetwork.class).inNamespace(NS).list().getItems(),
        client.resources(LightningNode.class).inNamespace(NS).list().getItems(),
        client.resources(LightningChannel.class).inNamespace(NS).list().getItems())
        .flatMap(List::stream).map(HasMetadata.class::cast)
        .forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    versions.put("events", String.valueOf(client.v1().events().inNamespace(NS).list().getItems().size()));
    return versions;
  }

  /** Fails, naming what kept changing, when nothing stands still for {@code quiet} within {@code limit}. */
  static void awaitStandingStill(Duration quiet, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Map<String, String> changed = Map.of();
    while (System.nanoTime() < deadline) {
      Map<String, String> before = versions();
      Thread.sleep(quiet.toMillis());
      Map<String, String> after = versions();
      if (after.equals(before)) {
        return;
      }
      changed = after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
    }
    throw new AssertionError("rewritten again and again while nothing changes: " + changed.keySet());
  }
}
