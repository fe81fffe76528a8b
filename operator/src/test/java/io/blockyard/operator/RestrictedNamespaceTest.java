package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a cluster admin checks: every pod the operator makes is admitted where the "restricted" Pod Security Standard
 * is enforced, and no password is on any process's command line on the node (the pods are processes of this host,
 * under the node's containerd), in a pod spec or in a ConfigMap.
 */
@ExtendWith(SharedTestbed.class)
class RestrictedNamespaceTest {
  static final String NS = "restricted";
  static KubernetesClient client;
  static RunningOperator operator;

  @BeforeAll
  static void startOperator(Testbed bed) throws Exception {
    client = bed.client();
    operator = RunningOperator.start(bed);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest")).endMetadata().build()).serverSideApply();
    await().atMost(Duration.ofSeconds(30)).until(
        () -> client.serviceAccounts().inNamespace(NS).withName("default").get() != null);
  }

  @AfterAll
  static void stopOperator() {
    if (client != null) {
      client.namespaces().withName(NS).delete();
    }
    if (operator != null) {
      operator.close();
    }
  }

  static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void networksAndALightningNodeRunUnderRestrictedWithNoPasswordOnAnyCommandLine() throws Exception {
    // The namespace does enforce: a pod without the restricted settings is refused.
    assertThatThrownBy(() -> client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata()
        .withName("plain").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("blockyard/btcd:v0.26.2")
        .endContainer().endSpec().build()).create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("violates PodSecurity \"restricted");

    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: btcd}
        spec: {replicas: 2, implementation: btcd, chain: regtest, mining: {initialBlocks: 101}}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: core}
        spec: {replicas: 2, implementation: bitcoind, chain: regtest}
        ---
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: carol}
        spec: {network: btcd}
        """);
    await().atMost(Duration.ofMinutes(4)).ignoreExceptions().untilAsserted(() -> {
      for (String name : List.of("btcd", "core")) {
        BitcoinNetwork n = client.resources(BitcoinNetwork.class).inNamespace(NS).withName(name).get();
        assertThat(condition(n.getStatus().getConditions(), "Ready").getStatus()).as(name).isEqualTo("True");
        assertThat(condition(n.getStatus().getConditions(), "Meshed").getStatus()).as(name).isEqualTo("True");
      }
      LightningNode carol = client.resources(LightningNode.class).inNamespace(NS).withName("carol").get();
      assertThat(condition(carol.getStatus().getConditions(), "Ready").getStatus())
          .as("%s", carol.getStatus().getConditions()).isEqualTo("True");
      assertThat(condition(carol.getStatus().getConditions(), "Synced").getStatus()).isEqualTo("True");
    });

    List<String> passwords = new ArrayList<>();
    for (String secret : List.of("btcd-rpc-credentials", "core-rpc-credentials")) {
      passwords.add(SecretValues.text(client.secrets().inNamespace(NS).withName(secret).get(), "password"));
    }
    passwords.add(SecretValues.text(client.secrets().inNamespace(NS).withName("carol-lnd-wallet").get(), "password"));
    assertThat(passwords).allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));

    // Other test beds may share this host: only the processes of this namespace's pods (their cgroups name the pod).
    List<String> podUids = client.pods().inNamespace(NS).list().getItems().stream()
        .map(p -> p.getMetadata().getUid().replace('-', '_')).toList();
    assertThat(podUids).hasSize(5);
    List<String> commandLines = commandLines(podUids);
    assertThat(commandLines).as("btcd, bitcoind and lnd run on this host")
        .anyMatch(c -> c.startsWith("btcd")).anyMatch(c -> c.contains("bitcoind")).anyMatch(c -> c.startsWith("lnd"));
    KubernetesSerialization json = new KubernetesSerialization();
    String pods = json.asJson(client.pods().inNamespace(NS).list());
    String statefulSets = json.asJson(client.apps().statefulSets().inNamespace(NS).list());
    String configMaps = json.asJson(client.configMaps().inNamespace(NS).list());
    for (String password : passwords) {
      assertThat(commandLines).noneMatch(c -> c.contains(password));
      assertThat(pods).doesNotContain(password);
      assertThat(statefulSets).doesNotContain(password);
      assertThat(configMaps).doesNotContain(password);
    }
    assertThat(String.join("\n", commandLines)).doesNotContainPattern("rpcpass(word)?=");
  }

  /** The command lines (arguments joined by spaces) of this host's processes that belong to these pods. */
  static List<String> commandLines(List<String> podUids) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cgroup = Files.readString(proc.resolve("cgroup")).replace('-', '_');
          if (podUids.stream().noneMatch(uid -> cgroup.contains("pod" + uid))) {
            continue;
          }
          byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
          lines.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        } catch (IOException gone) {
          // The process ended while the list was read.
        }
      }
    }
    return lines;
  }
}
