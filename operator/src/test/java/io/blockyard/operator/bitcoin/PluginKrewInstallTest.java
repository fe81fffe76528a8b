package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.KubectlBlockyardPlugin;
import io.blockyard.operator.KubectlBlockyardPlugin.Run;
import io.blockyard.operator.RunningOperator;
import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Testbed;
import io.blockyard.testbed.TestNodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin installed the way kubectl plugins are: krew installs the archive `mvn package` made, with its manifest,
 * offline into a KREW_ROOT of its own, and {@code kubectl blockyard status} from krew's bin directory shows a network
 * on the test bed. The installation's class-data-sharing archive is made at its first run and maps at the next (the
 * JVM is told to refuse to start without it); a damaged one changes nothing a user sees.
 */
@ExtendWith(SharedTestbed.class)
class PluginKrewInstallTest {
  static final String NS = "plugin-krew";
  static final Path CLI_TARGET = Path.of("../cli/target").toAbsolutePath().normalize();
  static KubernetesClient client;
  static RunningOperator operator;
  static Testbed bed;

  @BeforeAll
  static void startOperatorAndNetwork(Testbed testbed) throws Exception {
    bed = testbed;
    client = testbed.client();
    operator = RunningOperator.start(testbed);
    TestNodes.createNamespace(client, NS);
    TestNodes.apply(client, NS, """
        apiVersion: blockyard.io/v1alpha1
        kind: BitcoinNetwork
        metadata: {name: krew}
        spec: {replicas: 1, implementation: btcd, chain: regtest}
        """);
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      BitcoinNetwork n = network();
      assertThat(n.getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(n.getStatus().getBlockHeight()).isNotNull();
    });
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

  static BitcoinNetwork network() {
    return client.resources(BitcoinNetwork.class).inNamespace(NS).withName("krew").get();
  }

  /** The platform the build packaged for this machine, as krew names it. */
  static String platform() {
    String arch = System.getProperty("os.arch");
    return "linux-" + (arch.equals("aarch64") ? "arm64" : arch);
  }

  @Test
  void krewInstallsTheArchiveAndThePluginItInstalledShowsTheNetwork(@TempDir Path krewRoot) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("KREW_ROOT", krewRoot.toString(), "KREW_NO_UPGRADE_CHECK", "1"));
    Path krew = bed.programs().dir("krew");
    Run install = KubectlBlockyardPlugin.kubectl(bed, krew, env, "krew", "install",
        "--manifest=" + CLI_TARGET.resolve("krew/blockyard.yaml"),
        "--archive=" + CLI_TARGET.resolve("kubectl-blockyard-" + platform() + ".tar.gz"));
    assertThat(install.exitCode()).as("krew install:%n%s%s", install.output(), install.errors()).isZero();
    assertThat(install.output() + install.errors()).contains("Installed plugin: blockyard");
    Path bin = krewRoot.resolve("bin");
    assertThat(bin.resolve("kubectl-blockyard")).isSymbolicLink();
    Path installed;
    try (Stream<Path> versions = Files.list(krewRoot.resolve("store/blockyard"))) {
      List<Path> all = versions.toList();
      assertThat(all).hasSize(1);
      installed = all.get(0).toRealPath();
    }

    // The first run in the new installation makes its archive (a training run) and then answers as every run does.
    String expected = statusLines();
    Run first = KubectlBlockyardPlugin.runFrom(bed, bin, env, "status", "krew", "-n", NS);
    assertThat(first.exitCode()).as("first run: %s", first.errors()).isZero();
    assertThat(first.output()).contains(expected);
    assertThat(first.errors()).isEmpty();
    Path archive = installed.resolve("cds/classes.jsa");
    assertThat(archive).isNotEmptyFile();
    assertThat(Files.readString(installed.resolve("cds/classes.jsa.dir")).strip()).isEqualTo(installed.toString());

    // -Xshare:on: the JVM refuses to start unless the archive maps and matches the runtime and the jars.
    Map<String, String> requireArchive = new HashMap<>(env);
    requireArchive.put("KUBECTL_BLOCKYARD_JAVA_OPTIONS", "-Xshare:on");
    Run second = KubectlBlockyardPlugin.runFrom(bed, bin, requireArchive, "status", "krew", "-n", NS);
    assertThat(second.exitCode()).as("with -Xshare:on: %s", second.errors()).isZero();
    assertThat(second.output()).contains(expected);
    assertThat(second.errors()).isEmpty();

    // A damaged archive: the JVM loads the classes from the jars, quietly.
    Files.writeString(archive, "not a class-data-sharing archive");
    Run damaged = KubectlBlockyardPlugin.runFrom(bed, bin, env, "status", "krew", "-n", NS);
    assertThat(damaged.exitCode()).as("with a damaged archive: %s", damaged.errors()).isZero();
    assertThat(damaged.output()).contains(expected);
    assertThat(damaged.errors()).isEmpty();
  }

  /** What {@code status} must print for the network as its status says now (it mines nothing: the tip stays). */
  static String statusLines() {
    BitcoinNetwork n = network();
    return "Network:   " + NS + "/krew\nNodes:     btcd, regtest, 1 of 1 ready\nTip:       height "
        + n.getStatus().getBlockHeight() + ", " + n.getStatus().getBestBlockHash();
  }
}
