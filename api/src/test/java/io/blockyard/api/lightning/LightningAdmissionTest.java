package io.blockyard.api.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.AdmissionApiServer;
import io.blockyard.api.AdmissionApiServer.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LightningNode and LightningChannel CRDs on a real kube-apiserver: what kubectl answers a user. */
class LightningAdmissionTest {
  static final String BOB_URI = "02" + "ab".repeat(32) + "@bob.example.com:9735";
  static AdmissionApiServer apiServer;

  @BeforeAll
  static void startApiServer() throws Exception {
    apiServer = AdmissionApiServer.start("lightning-admission-control-plane", "lightningnodes.blockyard.io",
        "lightningchannels.blockyard.io", "lightningactivities.blockyard.io");
    Result policy = apiServer.kubectl(null, "apply", "-f",
        java.nio.file.Path.of("../deploy/admission/lightningchannel-fund.yaml").toAbsolutePath().toString());
    assertThat(policy.exitCode()).as(policy.output()).isZero();
  }

  @AfterAll
  static void stopApiServer() {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  static String node(String name, String spec) {
    return "apiVersion: blockyard.io/v1alpha1\nkind: LightningNode\nmetadata:\n  name: " + name
        + "\n  namespace: default\nspec:\n" + spec.indent(2);
  }

  static String channel(String name, String spec) {
    return "apiVersion: blockyard.io/v1alpha1\nkind: LightningChannel\nmetadata:\n  name: " + name
        + "\n  namespace: default\nspec:\n" + spec.indent(2);
  }

  static Result rejected(String yaml) throws Exception {
    Result r = apiServer.apply(yaml);
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    return r;
  }

  @Test
  void aNodeOnANetworkIsAcceptedWithDefaultsAndListedInTheCategory() throws Exception {
    Result r = apiServer.apply(node("alice", "network: regtest-net\nalias: Alice\ncolor: '#ff9900'"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(apiServer.kubectl(null, "get", "lnnode", "alice", "-o", "jsonpath={.spec.implementation}")
        .output()).isEqualTo("lnd");
    assertThat(apiServer.kubectl(null, "get", "blockyard").output()).contains("lightningnode.blockyard.io/alice");
  }

  @Test
  void aNodeNeedsExactlyOneBackend() throws Exception {
    assertThat(rejected(node("nobackend", "alias: x")).output())
        .contains("set exactly one of spec.network");
    assertThat(rejected(node("twobackends", """
        network: net
        externalBackend:
          implementation: btcd
          chain: regtest
          secret: backend""")).output()).contains("set exactly one of spec.network");
    assertThat(apiServer.apply(node("external", """
        externalBackend:
          implementation: bitcoind
          chain: mainnet
          secret: backend
        storage: {size: 10Gi}""")).exitCode()).isZero();
  }

  @Test
  void aBadColorOrALongAliasIsRejected() throws Exception {
    assertThat(rejected(node("badcolor", "network: net\ncolor: orange")).output()).contains("spec.color");
    assertThat(rejected(node("longalias", "network: net\nalias: " + "a".repeat(33))).output())
        .contains("spec.alias");
  }

  @Test
  void aChannelFromANodeToItselfIsRejected() throws Exception {
    assertThat(rejected(channel("loop", "from: alice\nto:\n  node: alice\ncapacitySat: 1000000")).output())
        .contains("spec.to.node names the same LightningNode as spec.from: a channel needs two different nodes");
  }

  @Test
  void aCapacityBelowLndsMinimumOrAboveItsMaximumIsRejected() throws Exception {
    assertThat(rejected(channel("tiny", "from: alice\nto:\n  node: bob\ncapacitySat: 19999")).output())
        .contains("spec.capacitySat must be at least 20000 (lnd's smallest channel)");
    assertThat(rejected(channel("huge", "from: alice\nto:\n  node: bob\ncapacitySat: 16777216")).output())
        .contains("spec.capacitySat must be at most 16777215");
  }

  @Test
  void pushingTheWholeCapacityIsRejected() throws Exception {
    assertThat(rejected(channel("allpush", "from: alice\nto:\n  node: bob\ncapacitySat: 100000\npushSat: 100000"))
        .output()).contains("spec.pushSat must be less than spec.capacitySat");
  }

  @Test
  void theRemoteEndIsANodeOrAWellFormedUri() throws Exception {
    assertThat(rejected(channel("noto", "from: alice\nto: {}\ncapacitySat: 100000")).output())
        .contains("set exactly one of spec.to.node");
    assertThat(rejected(channel("baduri", "from: alice\nto:\n  uri: bob@host\ncapacitySat: 100000")).output())
        .contains("spec.to.uri must be pubkey@host:port");
    Result ok = apiServer.apply(channel("external", "from: alice\nto:\n  uri: " + BOB_URI + "\ncapacitySat: 100000"));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
  }

  @Test
  void anOpenedChannelCannotBeResized() throws Exception {
    Result created = apiServer.apply(channel("fixed", "from: alice\nto:\n  node: bob\ncapacitySat: 100000"));
    assertThat(created.exitCode()).as(created.output()).isZero();
    assertThat(rejected(channel("fixed", "from: alice\nto:\n  node: bob\ncapacitySat: 200000")).output())
        .contains("cannot change on an existing channel: delete this LightningChannel");
    Result forceClose = apiServer.apply(channel("fixed",
        "from: alice\nto:\n  node: bob\ncapacitySat: 100000\nforceClose: true"));
    assertThat(forceClose.exitCode()).as("forceClose may change: " + forceClose.output()).isZero();
  }

  @Test
  void fundingAChannelFromAMainnetNodeIsRejected() throws Exception {
    // The operator labels every LightningNode with its chain; here the label is set as it would.
    assertThat(apiServer.apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: payments, namespace: default, labels: {blockyard.io/chain: mainnet}}
        spec: {network: main}
        """).exitCode()).isZero();
    assertThat(apiServer.apply("""
        apiVersion: blockyard.io/v1alpha1
        kind: LightningNode
        metadata: {name: tester, namespace: default, labels: {blockyard.io/chain: regtest}}
        spec: {network: test}
        """).exitCode()).isZero();
    // The API server watches parameters; give it a moment to see the new node.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(rejected(channel("mainfund", "from: payments\nto:\n  uri: " + BOB_URI
            + "\ncapacitySat: 100000\nfund: true")).output())
            .contains("spec.fund mines coins, which works on regtest and simnet only; LightningNode payments is on "
                + "mainnet"));
    Result unfunded = apiServer.apply(channel("mainplain", "from: payments\nto:\n  uri: " + BOB_URI
        + "\ncapacitySat: 100000"));
    assertThat(unfunded.exitCode()).as(unfunded.output()).isZero();
    Result regtest = apiServer.apply(channel("testfund", "from: tester\nto:\n  uri: " + BOB_URI
        + "\ncapacitySat: 100000\nfund: true"));
    assertThat(regtest.exitCode()).as(regtest.output()).isZero();
  }

  @Test
  void aNodesBackendWalletAndStorageCannotChangeOnceSet() throws Exception {
    assertThat(apiServer.apply(node("fixed", "network: one")).exitCode()).isZero();
    assertThat(rejected(node("fixed", "network: two")).output())
        .contains("spec.network cannot change once set").contains("create a new LightningNode");
    assertThat(rejected(node("fixed", "network: one\nwallet: {seedSecret: other-seed}")).output())
        .contains("spec.wallet cannot change on an existing node");
    assertThat(rejected(node("fixed", "network: one\nstorage: {size: 1Gi}")).output())
        .contains("spec.storage cannot change on an existing node");
    String external = "externalBackend: {implementation: btcd, chain: regtest, secret: %s}";
    assertThat(apiServer.apply(node("outside", external.formatted("a"))).exitCode()).isZero();
    assertThat(rejected(node("outside", external.formatted("b"))).output())
        .contains("spec.externalBackend cannot change once set");
    assertThat(apiServer.apply(node("fixed", "network: one\nalias: renamed")).exitCode()).as("other fields change")
        .isZero();
  }

  @Test
  void storageIsRequiredForAnExternalBackendOffTestChains() throws Exception {
    assertThat(rejected(node("mainnet-ephemeral",
        "externalBackend: {implementation: btcd, chain: mainnet, secret: backend}")).output())
        .contains("spec.storage is required on signet, testnet and mainnet");
  }

  @Test
  void extraArgsThatSetAnOperatorOwnedLndFlagAreRejectedWithTheFieldToUse() throws Exception {
    assertThat(rejected(node("args1", "network: ln-net\nextraArgs: [\"--btcd.rpcuser=me\"]")).output())
        .contains("use spec.network or spec.externalBackend");
    assertThat(rejected(node("args2", "network: ln-net\nextraArgs: [\"--wallet-unlock-allow-create\"]")).output())
        .contains("use spec.wallet.passwordSecret");
    assertThat(rejected(node("args3", "network: ln-net\nextraArgs: [\"--alias=me\"]")).output())
        .contains("use spec.storage, spec.alias and spec.color");
    assertThat(apiServer.apply(node("args4", "network: ln-net\nextraArgs: [\"--trickledelay=50\"]")).exitCode())
        .isZero();
  }

  @Test
  void aNodeNameThatIsNoDns1035LabelIsRejected() throws Exception {
    assertThat(rejected(node("9lives", "network: ln-net")).output()).contains("metadata.name must be a DNS-1035 label");
  }

  @Test
  void aNegativePushOrAUriPubkeyThatIsNoCompressedKeyIsRejected() throws Exception {
    assertThat(rejected(channel("negpush", "from: alice\nto:\n  node: bob\ncapacitySat: 100000\npushSat: -1"))
        .output()).contains("spec.pushSat").contains("greater than or equal to 0");
    String key04 = "04" + "ab".repeat(32) + "@bob.example.com:9735";
    assertThat(rejected(channel("key04", "from: alice\nto:\n  uri: " + key04 + "\ncapacitySat: 100000")).output())
        .contains("spec.to.uri must be pubkey@host:port");
    String port0 = "02" + "ab".repeat(32) + "@bob.example.com:70000";
    assertThat(rejected(channel("port0", "from: alice\nto:\n  uri: " + port0 + "\ncapacitySat: 100000")).output())
        .contains("spec.to.uri must be pubkey@host:port");
  }

  static String activity(String name, String spec) {
    return "apiVersion: blockyard.io/v1alpha1\nkind: LightningActivity\nmetadata:\n  name: " + name
        + "\n  namespace: default\nspec:\n" + spec.indent(2);
  }

  @Test
  void anActivityIsAcceptedWithDefaultsAndItsMistakesAreExplained() throws Exception {
    Result r = apiServer.apply(activity("load", "nodes: [a, b, c]\namountSat: {minSat: 100, maxSat: 1000}"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(apiServer.kubectl(null, "get", "lnact", "load", "-o",
        "jsonpath={.spec.paymentsPerMinute} {.spec.paused}").output()).isEqualTo("6 false");
    assertThat(rejected(activity("both", "nodes: [a, b]\nselector: {matchLabels: {team: load}}\n"
        + "amountSat: {minSat: 1, maxSat: 2}")).output()).contains("set exactly one of spec.nodes");
    assertThat(rejected(activity("none", "amountSat: {minSat: 1, maxSat: 2}")).output())
        .contains("set exactly one of spec.nodes");
    assertThat(rejected(activity("one", "nodes: [a]\namountSat: {minSat: 1, maxSat: 2}")).output())
        .contains("at least two LightningNodes");
    assertThat(rejected(activity("range", "nodes: [a, b]\namountSat: {minSat: 10, maxSat: 2}")).output())
        .contains("minSat must not exceed maxSat");
    assertThat(rejected(activity("self", "pairs: [{from: a, to: a}]\namountSat: {minSat: 1, maxSat: 2}"))
        .output()).contains("from and to are the same");
    assertThat(rejected(activity("fast", "nodes: [a, b]\npaymentsPerMinute: 6000\n"
        + "amountSat: {minSat: 1, maxSat: 2}")).output()).contains("paymentsPerMinute");
    assertThat(apiServer.apply(activity("pairs", "pairs: [{from: a, to: b}, {from: b, to: a}]\n"
        + "amountSat: {minSat: 1, maxSat: 1}\npaused: true")).exitCode()).isZero();
  }
}
