package io.blockyard.operator.bitcoin;


import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BtcdProgramTest {
  private final NodeProgram btcd = NodeProgram.of(Implementation.BTCD);

  static BitcoinNetwork on(Chain chain) {
    return TestNetworks.network("net", Implementation.BTCD, chain);
  }

  /** The configuration file as the operator writes it into the ConfigMap. */
  static String config(BitcoinNetwork network) {
    return NodeConfigMap.desired(network).getData().get("btcd.conf");
  }

  static List<String> lines(String config) {
    return List.of(config.split("\n"));
  }

  @Test
  void isBtcdWithTls() {
    assertThat(btcd).isInstanceOf(BtcdProgram.class);
    assertThat(btcd.name()).isEqualTo("btcd");
    assertThat(btcd.rpcTls()).isTrue();
    assertThat(btcd.configFileName()).isEqualTo("btcd.conf");
    assertThat(btcd.defaultImage()).isEqualTo("blockyard/btcd:v0.26.2");
  }

  @Test
  void testChainsGetASmallUtxoCacheAndOtherChainsBtcdsDefault() {
    assertThat(lines(config(on(Chain.REGTEST)))).contains("utxocachemaxsize=10");
    assertThat(lines(config(on(Chain.SIMNET)))).contains("utxocachemaxsize=10");
    assertThat(config(on(Chain.MAINNET))).doesNotContain("utxocachemaxsize");
    assertThat(config(on(Chain.SIGNET))).doesNotContain("utxocachemaxsize");
  }

  @ParameterizedTest
  @CsvSource({
      "REGTEST, regtest=1, 18334, 18444",
      "SIMNET,  simnet=1,  18556, 18555",
      "TESTNET, testnet=1, 18334, 18333",
      "SIGNET,  signet=1,  38332, 38333"})
  void testChainsGetTheirFlagAndPorts(Chain chain, String flag, int rpcPort, int p2pPort) {
    String config = config(on(chain));

    assertThat(btcd.rpcPort(chain)).isEqualTo(rpcPort);
    assertThat(btcd.p2pPort(chain)).isEqualTo(p2pPort);
    assertThat(lines(config)).startsWith("[Application Options]")
        .contains(flag, "rpclisten=0.0.0.0:" + rpcPort, "listen=0.0.0.0:" + p2pPort);
    assertThat(lines(config).stream().filter(l -> l.matches("(regtest|simnet|testnet|signet)=1")))
        .containsExactly(flag);
  }

  @Test
  void mainnetHasNoChainFlag() {
    String config = config(on(Chain.MAINNET));

    assertThat(lines(config)).contains("rpclisten=0.0.0.0:8334", "listen=0.0.0.0:8333")
        .noneMatch(l -> l.matches("(regtest|simnet|testnet|signet)=.*"));
  }

  @ParameterizedTest
  @EnumSource(Chain.class)
  void certificateAndDataComeFromTheMountedVolumes(Chain chain) {
    assertThat(lines(config(on(chain))))
        .contains("datadir=/data", "logdir=/data/logs", "rpccert=/tls/tls.crt", "rpckey=/tls/tls.key");
  }

  @ParameterizedTest
  @EnumSource(value = Chain.class, names = {"REGTEST", "SIMNET"})
  void chainsThatMineOnDemandGetTheMiningAddress(Chain chain) {
    BitcoinNetwork network = on(chain);

    assertThat(lines(config(network))).contains("miningaddr=" + MiningAddress.of(network));
  }

  @ParameterizedTest
  @EnumSource(value = Chain.class, names = {"TESTNET", "SIGNET", "MAINNET"})
  void publicChainsGetNoMiningAddress(Chain chain) {
    assertThat(config(on(chain))).doesNotContain("miningaddr");
  }

  @Test
  void externalPeersBecomeAddpeerLines() {
    BitcoinNetwork network = TestNetworks.withPeers(on(Chain.REGTEST), "node1.example.com:18444",
        "192.0.2.7:18444", "[2001:db8::7]:18444");

    assertThat(lines(config(network)))
        .contains("addpeer=node1.example.com:18444", "addpeer=192.0.2.7:18444", "addpeer=[2001:db8::7]:18444");
    assertThat(config(on(Chain.REGTEST))).doesNotContain("addpeer");
  }

  @Test
  void configHoldsNoCredentials() {
    String config = config(TestNetworks.withPeers(on(Chain.REGTEST), "192.0.2.7:18444"));

    assertThat(config).doesNotContain("rpcuser").doesNotContain("rpcpass");
  }

  @Test
  void argsPointAtTheConfigFileWithCredentialsAndCarryNoCredential() {
    assertThat(btcd.args(on(Chain.REGTEST))).containsExactly("--configfile=/run/blockyard/btcd.conf");
  }

  @Test
  void theCredentialFilesAreTheConfigMapsFileWithTheCredentialsAndBtcctlsOwn() {
    var files = btcd.credentialFiles(on(Chain.REGTEST), "[Application Options]\nregtest=1\n", "u", "p w");

    assertThat(btcd.credentialFilesDir() + "/btcd.conf").isEqualTo(btcd.args(on(Chain.REGTEST)).get(0)
        .substring("--configfile=".length()));
    assertThat(files).containsOnlyKeys("btcd.conf", "btcctl.conf");
    assertThat(files.get("btcd.conf")).isEqualTo("[Application Options]\nregtest=1\nrpcuser=u\nrpcpass=p w\n");
    assertThat(files.get("btcctl.conf")).isEqualTo("[Application Options]\nrpcuser=u\nrpcpass=p w\n");
    assertThat(BtcdProgram.BTCCTL_CONFIG).isEqualTo(btcd.credentialFilesDir() + "/btcctl.conf");
  }

  @Test
  void readinessIsATcpCheckOfTheP2pPortThatTheKubeletMakesItself() {
    var probe = btcd.readinessProbe(on(Chain.SIMNET));

    assertThat(probe.getExec()).as("an exec probe starts a process in every node pod every few seconds").isNull();
    assertThat(probe.getTcpSocket().getPort().getStrVal()).isEqualTo(NodeProgram.P2P_PORT_NAME);
    assertThat(probe.getPeriodSeconds()).isEqualTo(5);
  }

  @Test
  void onATestChainStartIsCheckedEverySecondSoThatReadinessFollowsAtOnce() {
    for (Chain chain : List.of(Chain.REGTEST, Chain.SIMNET)) {
      var probe = btcd.startupProbe(on(chain));
      assertThat(probe.getTcpSocket().getPort().getStrVal()).as("btcd opens its RPC port after its P2P port")
          .isEqualTo(NodeProgram.RPC_PORT_NAME);
      assertThat(probe.getPeriodSeconds()).isEqualTo(1);
      assertThat(probe.getPeriodSeconds() * probe.getFailureThreshold()).as("ten minutes before a restart")
          .isEqualTo(600);
    }
  }

  @Test
  void onAPublicChainThereIsNoStartupProbeToRestartALongStart() {
    for (Chain chain : List.of(Chain.MAINNET, Chain.TESTNET, Chain.SIGNET)) {
      assertThat(btcd.startupProbe(on(chain))).as(chain.name()).isNull();
    }
    assertThat(NodeProgram.of(Implementation.BITCOIND).startupProbe(on(Chain.REGTEST))).isNull();
  }
}
