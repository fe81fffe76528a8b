package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.NetworkAccess;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.lightning.WalletCustody;
import io.blockyard.rpc.TlsTrust;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.WalletState;
import io.blockyard.rpc.lnd.WalletUnlocker;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.Testbed;
import io.blockyard.testbed.TestNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's NetworkPolicies, enforced by the test bed's policy engine: a pod without the client label reaches
 * the nodes' P2P ports but neither lnd's REST port nor btcd's RPC port; a labelled pod and the operator reach both.
 * And a wallet someone else created before the operator is reported, with nothing of the operator's overwritten.
 */
@ExtendWith(SharedTestbed.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkPolicyEnforcementTest {
  static final String NS = "network-policy";
  static final Duration WAIT = Duration.ofMinutes(3);
  static final int BTCD_RPC = 18334;
  static final int BTCD_P2P = 18444;
  static final int LND_REST = 8080;
  static final int LND_P2P = 9735;
  static Testbed bed;
  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void start(Testbed testbed) throws Exception {
    bed = testbed;
    client = testbed.client();
    operator = RunningOperator.start(testbed);
    TestNodes.createNamespace(client, NS);
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: chain}
        spec: {replicas: 1}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: alice}
        spec: {network: chain}
        """);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.namespaces().withName(NS).delete();
    }
    if (operator != null) {
      operator.close();
    }
  }

  static String podIp(String pod) {
    Pod p = client.pods().inNamespace(NS).withName(pod).get();
    assertThat(p).as("pod %s", pod).isNotNull();
    assertThat(p.getStatus().getPodIP()).as("IP of pod %s", pod).isNotNull();
    return p.getStatus().getPodIP();
  }

  static void busybox(String name, Map<String, String> labels) {
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().withNewSpec().addNewContainer().withName("probe")
        .withImage(bed.images().reference("blockyard/busybox:")).withImagePullPolicy("Never")
        .withCommand("sleep", "3600").endContainer().withTerminationGracePeriodSeconds(0L).endSpec().build())
        .serverSideApply();
  }

  /**
   * busybox's nc from inside {@code pod} to an IP (a host name would crash busybox-static): what it printed and its
   * exit code. A refused or dropped connection prints "can't connect".
   */
  static String connect(String pod, String ip, int port) {
    List<String> cmd = new ArrayList<>(List.of(bed.programs().binary("kubernetes", "kubectl").toString(),
        "--kubeconfig", bed.kubeconfig().toString(), "-n", NS, "exec", pod, "--", "sh", "-c",
        "nc -w 2 " + ip + " " + port + " </dev/null >/dev/null; echo exit=$?"));
    return Shell.runAllowingFailure(60, cmd.toArray(String[]::new)).output();
  }

  static void assertReaches(String pod, String ip, int port) {
    assertThat(connect(pod, ip, port)).as("%s to %s:%d", pod, ip, port).contains("exit=0")
        .doesNotContain("can't connect");
  }

  static void assertRefused(String pod, String ip, int port) {
    assertThat(connect(pod, ip, port)).as("%s to %s:%d", pod, ip, port).contains("can't connect")
        .doesNotContain("exit=0");
  }

  /** From the host, where the host-run operator's connections come from. */
  static boolean hostReaches(String ip, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ip, port), 3000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static Condition condition(LightningNode node, String type) {
    return Conditions.find(node.getStatus().getConditions(), type)
        .orElseThrow(() -> new AssertionError("no " + type + " condition"));
  }

  static LightningNode node(String name) {
    return client.resources(LightningNode.class).inNamespace(NS).withName(name).get();
  }

  @Test
  @Order(1)
  void onlyTheOperatorAndLabelledPodsReachRpcAndRestWhileP2pStaysOpen() {
    // The operator reached lnd's REST port: it made and unlocked the wallet.
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(condition(node("alice"), "WalletReady").getStatus()).isEqualTo("True"));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
        client.resources(BitcoinNetwork.class).inNamespace(NS).withName("chain").get().getStatus().getReadyReplicas())
        .isEqualTo(1));
    assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("chain").get()).isNotNull();
    assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("alice-lnd").get()).isNotNull();
    busybox("outsider", Map.of("app", "outsider"));
    busybox("client", Map.of(NetworkAccess.CLIENT_LABEL, NetworkAccess.CLIENT_VALUE));
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(TestNodes.isReady(client.pods().inNamespace(NS).withName("outsider").get())).isTrue();
      assertThat(TestNodes.isReady(client.pods().inNamespace(NS).withName("client").get())).isTrue();
    });
    String lnd = podIp("alice-lnd-0");
    String btcd = podIp("chain-0");

    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      assertRefused("outsider", lnd, LND_REST);
      assertRefused("outsider", btcd, BTCD_RPC);
    });
    assertReaches("outsider", lnd, LND_P2P);
    assertReaches("outsider", btcd, BTCD_P2P);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      assertReaches("client", lnd, LND_REST);
      assertReaches("client", btcd, BTCD_RPC);
    });
    assertThat(hostReaches(lnd, LND_REST)).as("the operator's address to lnd REST").isTrue();
    assertThat(hostReaches(btcd, BTCD_RPC)).as("the operator's address to btcd RPC").isTrue();
  }

  @Test
  @Order(2)
  void aWalletSomeoneElseCreatedFirstIsReportedAndTheSeedSecretIsLeftAlone() throws Exception {
    // A seed of the user's own: the operator would restore from it, had no one been first.
    String words = String.join(" ", java.util.Collections.nCopies(24, "abandon"));
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("victim-lnd-seed")
        .endMetadata().withData(Map.of("mnemonic", Base64.getEncoder().encodeToString(
            words.getBytes(StandardCharsets.UTF_8)))).build()).create();
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: victim}
        spec: {network: chain}
        """);
    // The operator stops as soon as it made lnd's StatefulSet, long before lnd answers: the window stays open.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() ->
        client.apps().statefulSets().inNamespace(NS).withName("victim-lnd").get() != null);
    operator.close();
    operator = null;

    String cert = await().atMost(WAIT).ignoreExceptions().until(() -> new String(Base64.getDecoder().decode(
        client.secrets().inNamespace(NS).withName("victim-lnd-tls").get().getData().get("tls.crt")),
        StandardCharsets.UTF_8), c -> !c.isEmpty());
    String ip = await().atMost(WAIT).ignoreExceptions().until(() -> podIp("victim-lnd-0"), i -> true);
    // From the host, which the policy admits as the operator's address: what got past the policy, whatever it was.
    WalletUnlocker intruder = new WalletUnlocker(LndEndpoint.of(ip, LND_REST, cert)
        .withTls(TlsTrust.pinnedIgnoringHostname(cert)));
    try {
      await().atMost(WAIT).ignoreExceptions().until(intruder::state, s -> s == WalletState.NON_EXISTING);
      intruder.initWallet("not-the-operators".getBytes(StandardCharsets.UTF_8), intruder.genSeed());
    } finally {
      intruder.close();
    }

    operator = RunningOperator.start(bed);
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      Condition wallet = condition(node("victim"), "WalletReady");
      assertThat(wallet.getStatus()).isEqualTo("False");
      assertThat(wallet.getReason()).isEqualTo(WalletCustody.NOT_OURS);
      assertThat(wallet.getMessage()).contains("victim-lnd-0").contains("victim-lnd-seed")
          .contains("does not hold this wallet's seed");
      assertThat(condition(node("victim"), "Ready").getReason()).isEqualTo(WalletCustody.NOT_OURS);
    });
    // Events of a condition's transition are reasoned "<condition>:<reason>".
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS)
        .list().getItems().stream().filter(e -> e.getInvolvedObject().getName().equals("victim"))
        .map(e -> e.getType() + " " + e.getReason()).toList())
        .contains("Warning WalletReady:" + WalletCustody.NOT_OURS));
    Secret seed = client.secrets().inNamespace(NS).withName("victim-lnd-seed").get();
    assertThat(new String(Base64.getDecoder().decode(seed.getData().get("mnemonic")), StandardCharsets.UTF_8))
        .isEqualTo(words);
    assertThat(node("alice").getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("WalletReady");
      assertThat(c.getStatus()).isEqualTo("True");
    });
  }
}
