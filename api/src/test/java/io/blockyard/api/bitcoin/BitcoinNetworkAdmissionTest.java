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
  void replicasAndInitialBlocksAboveTheirMaximaAreRejected() throws Exception {
    Result replicas = apply(network("huge", "replicas: 10000"));
    assertThat(replicas.exitCode()).isNotZero();
    assertThat(replicas.output()).contains("spec.replicas").contains("less than or equal to 100");
    Result blocks = apply(network("long-mining", "mining:\n  initialBlocks: 100000"));
    assertThat(blocks.exitCode()).isNotZero();
    assertThat(blocks.output()).contains("spec.mining.initialBlocks").contains("less than or equal to 5000");
  }

  @Test
  void chainImplementationAndStorageCannotChangeOnAnExistingNetwork() throws Exception {
    assertThat(apply(network("fixed", "chain: regtest\nimplementation: btcd")).exitCode()).isZero();
    Result chain = apply(network("fixed", "chain: simnet\nimplementation: btcd"));
    assertThat(chain.exitCode()).isNotZero();
    assertThat(chain.output()).contains("spec.chain cannot change on an existing network")
        .contains("create a new network");
    Result implementation = apply(network("fixed", "chain: regtest\nimplementation: bitcoind"));
    assertThat(implementation.exitCode()).isNotZero();
    assertThat(implementation.output()).contains("spec.implementation cannot change on an existing network");
    Result storage = apply(network("fixed", "chain: regtest\nimplementation: btcd\nstorage: {size: 2Gi}"));
    assertThat(storage.exitCode()).isNotZero();
    assertThat(storage.output()).contains("spec.storage cannot change on an existing network")
        .contains("expand the PersistentVolumeClaims");
    assertThat(apply(network("fixed", "replicas: 3\nchain: regtest\nimplementation: btcd")).exitCode())
        .as("other fields still change").isZero();
  }

  @Test
  void storageIsRequiredOffTestChains() throws Exception {
    Result r = apply(network("main-ephemeral", "chain: mainnet"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("spec.storage is required on signet, testnet and mainnet");
    assertThat(apply(network("main-stored", "chain: mainnet\nstorage: {size: 600Gi}")).exitCode()).isZero();
  }

  @Test
  void peerPortsOutsideOneTo65535AndUnbracketedIpv6AreRejected() throws Exception {
    for (String peer : new String[] {"node1.example.com:65536", "node1.example.com:0", "2001:db8::7:8333"}) {
      Result r = apply(network("bad-port", "peers: [\"" + peer + "\"]"));
      assertThat(r.exitCode()).as(peer).isNotZero();
      assertThat(r.output()).contains("port from 1 to 65535").contains("IPv6 address in brackets");
    }
    assertThat(apply(network("top-port", "peers: [\"192.0.2.7:65535\"]")).exitCode()).isZero();
  }

  @Test
  void aNameThatIsNoDns1035LabelIsRejected() throws Exception {
    Result r = apply(network("1net", "{}"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("metadata.name must be a DNS-1035 label");
    Result dotted = apply(network("net.one", "{}"));
    assertThat(dotted.output()).contains("metadata.name must be a DNS-1035 label");
  }

  @Test
  void extraArgsThatSetAnOperatorOwnedFlagAreRejectedWithTheFieldToUse() throws Exception {
    String[][] cases = {
        {"--rpcuser=me", "use spec.rpc.credentialsSecret"},
        {"-rpcpassword=x", "use spec.rpc.credentialsSecret"},
        {"--notls", "use spec.rpc.credentialsSecret and spec.rpc.tlsSecret"},
        {"--testnet", "use spec.chain"},
        {"-addnode=192.0.2.7:8333", "use spec.peers"},
        {"--datadir=/elsewhere", "use spec.storage"}};
    for (String[] c : cases) {
      Result r = apply(network("owned", "extraArgs: [\"" + c[0] + "\"]"));
      assertThat(r.exitCode()).as(c[0]).isNotZero();
      assertThat(r.output()).as(c[0]).contains("spec.extraArgs must not").contains(c[1]);
    }
    Result ok = apply(network("free-args", "extraArgs: [\"--debuglevel=debug\", \"--rpcmaxclients=50\"]"));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
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
