package io.blockyard.api.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.AdmissionApiServer;
import io.blockyard.api.AdmissionApiServer.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BitcoinNetwork CRD on a real kube-apiserver: what a user gets back from kubectl for good and bad input.
 * Only the API server is needed here (no kubelet, no operator).
 */
class BitcoinNetworkAdmissionTest {
  static AdmissionApiServer apiServer;

  @BeforeAll
  static void startApiServer() throws Exception {
    apiServer = AdmissionApiServer.start("admission-control-plane", "bitcoinnetworks.blockyard.io");
    Result policy = apiServer.kubectl(null, "apply", "-f", java.nio.file.Path.of(
        "../deploy/admission/bitcoinnetwork-regtest-storage.yaml").toAbsolutePath().toString());
    assertThat(policy.exitCode()).as(policy.output()).isZero();
  }

  @AfterAll
  static void stopApiServer() {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  static Result kubectl(String stdin, String... args) throws Exception {
    return apiServer.kubectl(stdin, args);
  }

  static Result apply(String yaml) throws Exception {
    return apiServer.apply(yaml);
  }

  static String network(String name, String spec) {
    return "apiVersion: blockyard.io/v1alpha1\nkind: BitcoinNetwork\nmetadata:\n  name: " + name
        + "\n  namespace: default\nspec:\n" + spec.indent(2);
  }

  @Test
  void aMinimalNetworkIsAcceptedWithDefaults() throws Exception {
    Result r = apply(network("minimal", "{}"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    Result got = kubectl(null, "get", "btcnet", "minimal", "-o",
        "jsonpath={.spec.replicas} {.spec.implementation} {.spec.chain}");
    assertThat(got.output()).isEqualTo("1 btcd regtest");
  }

  @Test
  void scaleWorksThroughTheScaleSubresourceAndTheCategoryListsIt() throws Exception {
    assertThat(apply(network("scalable", "replicas: 2")).exitCode()).isZero();
    Result scaled = kubectl(null, "scale", "btcnet/scalable", "--replicas=4");
    assertThat(scaled.exitCode()).as(scaled.output()).isZero();
    assertThat(kubectl(null, "get", "btcnet", "scalable", "-o", "jsonpath={.spec.replicas}").output())
        .isEqualTo("4");
    Result listed = kubectl(null, "get", "blockyard");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output()).contains("scalable");
    assertThat(kubectl(null, "get", "btcnet", "scalable").output().lines().findFirst().orElseThrow())
        .contains("REPLICAS").contains("READY").contains("HEIGHT").contains("AGE");
  }

  @Test
  void miningOnAChainThatCannotMineOnDemandIsRejected() throws Exception {
    Result r = apply(network("mine-main", "chain: mainnet\nmining:\n  initialBlocks: 101"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("spec.mining is only possible on chains that mine on demand")
        .contains("set spec.chain to regtest or simnet, or remove spec.mining");
  }

  @Test
  void simnetWithBitcoindIsRejected() throws Exception {
    Result r = apply(network("sim-core", "implementation: bitcoind\nchain: simnet"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("simnet is a btcd-only chain: set spec.implementation to btcd");
  }

  @Test
  void aNegativeReplicaCountIsRejected() throws Exception {
    Result r = apply(network("negative", "replicas: -1"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("spec.replicas").contains("should be greater than or equal to 0");
  }

  @Test
  void aNameTooLongForValidPodNamesIsRejected() throws Exception {
    Result r = apply(network("a-network-name-that-is-far-too-long-for-pods", "{}"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("metadata.name must be at most 40 characters").contains("choose a shorter name");
  }

  @Test
  void aMalformedPeerAddressIsRejectedAndGoodOnesAreAccepted() throws Exception {
    Result bad = apply(network("bad-peer", "peers: [\"node1.example.com\"]"));
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.output()).contains("each entry of spec.peers must be host:port");
    Result good = apply(network("good-peers",
        "peers: [\"node1.example.com:8333\", \"192.0.2.7:18444\", \"[2001:db8::7]:8333\"]"));
    assertThat(good.exitCode()).as(good.output()).isZero();
    Result tooMany = apply(network("many-peers", "peers: [\"a:1\", \"b:1\", \"c:1\", \"d:1\", \"e:1\"]"));
    assertThat(tooMany.exitCode()).isNotZero();
    assertThat(tooMany.output()).contains("spec.peers").contains("must have at most 4 items");
  }

  @Test
  void aBadMiningIntervalIsRejected() throws Exception {
    for (String interval : new String[] {"soon", "0s", "99999999999999999999s"}) {
      Result r = apply(network("bad-interval", "mining:\n  interval: \"" + interval + "\""));
      assertThat(r.exitCode()).as(interval).isNotZero();
      assertThat(r.output()).contains("spec.mining.interval");
    }
    assertThat(apply(network("good-interval", "mining:\n  interval: 1m30s")).exitCode()).isZero();
  }

  @Test
  void aTlsSecretForBitcoindIsRejected() throws Exception {
    Result r = apply(network("core-tls", "implementation: bitcoind\nrpc:\n  tlsSecret: my-tls"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("spec.rpc.tlsSecret works with btcd only");
  }

  @Test
  void aBtcdRegtestNetworkWithStorageIsAcceptedWithAWarningThatItsChainIsWipedAtEachStart() throws Exception {
    String warning = "btcd deletes its regtest chain at every start";
    // The policy's binding takes a moment to be enforced after it is created.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
      kubectl(null, "delete", "btcnet", "wiped", "--ignore-not-found");
      Result r = apply(network("wiped", "storage: {size: 1Gi}"));
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("Warning: ").contains(warning).contains("use spec.chain: simnet");
    });
    Result simnet = apply(network("kept", "chain: simnet\nstorage: {size: 1Gi}"));
    assertThat(simnet.exitCode()).as(simnet.output()).isZero();
    assertThat(simnet.output()).doesNotContain(warning);
    Result ephemeral = apply(network("throwaway", "chain: regtest"));
    assertThat(ephemeral.output()).doesNotContain(warning);
    Result core = apply(network("core", "implementation: bitcoind\nstorage: {size: 1Gi}"));
    assertThat(core.output()).as("Bitcoin Core keeps its regtest chain").doesNotContain(warning);
  }
}
