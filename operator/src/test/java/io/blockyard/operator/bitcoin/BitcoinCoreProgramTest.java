package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitcoinCoreProgramTest {
  private final NodeProgram core = NodeProgram.of(Implementation.BITCOIND);

  static BitcoinNetwork on(Chain chain) {
    return TestNetworks.network("net", Implementation.BITCOIND, chain);
  }

  static String config(BitcoinNetwork network) {
    return NodeConfigMap.desired(network).getData().get("bitcoin.conf");
  }

  static List<String> lines(String config) {
    return List.of(config.split("\n"));
  }

  @Test
  void isBitcoinCoreOverPlainHttp() {
    assertThat(core).isInstanceOf(BitcoinCoreProgram.class);
    assertThat(core.name()).isEqualTo("bitcoind");
    assertThat(core.rpcTls()).isFalse();
    assertThat(core.configFileName()).isEqualTo("bitcoin.conf");
    assertThat(core.defaultImage()).isEqualTo("bitcoin/bitcoin:28.1");
  }

  @ParameterizedTest
  @CsvSource({
      "REGTEST, regtest=1, [regtest], 18443, 18444",
      "TESTNET, testnet=1, [test],    18332, 18333",
      "SIGNET,  signet=1,  [signet],  38332, 38333"})
  void testChainsGetTheirFlagAndASectionWithTheirPorts(Chain chain, String flag, String section, int rpcPort,
      int p2pPort) {
    List<String> lines = lines(config(on(chain)));

    assertThat(core.rpcPort(chain)).isEqualTo(rpcPort);
    assertThat(core.p2pPort(chain)).isEqualTo(p2pPort);
    assertThat(lines).contains(flag, section, "server=1", "datadir=/data");
    // Bitcoin Core ignores network-specific options outside the network's section.
    int sectionAt = lines.indexOf(section);
    assertThat(lines.indexOf(flag)).isLessThan(sectionAt);
    assertThat(lines.subList(sectionAt, lines.size()))
        .contains("rpcport=" + rpcPort, "port=" + p2pPort, "rpcbind=0.0.0.0", "bind=0.0.0.0");
  }

  @Test
  void mainnetHasNeitherFlagNorSection() {
    List<String> lines = lines(config(on(Chain.MAINNET)));

    assertThat(lines).contains("rpcport=8332", "port=8333")
        .noneMatch(l -> l.startsWith("[") || l.matches("(regtest|testnet|signet)=.*"));
  }

  @Test
  void externalPeersBecomeAddnodeLinesInTheSection() {
    List<String> lines = lines(config(TestNetworks.withPeers(on(Chain.REGTEST), "node1.example.com:18444",
        "[2001:db8::7]:18444")));

    assertThat(lines.subList(lines.indexOf("[regtest]"), lines.size()))
        .contains("addnode=node1.example.com:18444", "addnode=[2001:db8::7]:18444");
  }

  @Test
  void theMiningAddressIsNotInTheConfigBecauseBitcoindMinesToAnAddressPerCall() {
    assertThat(config(on(Chain.REGTEST))).doesNotContain("mining");
  }

  @Test
  void publishesBlocksAndTransactionsOverZmqForLightningNodes() {
    assertThat(config(on(Chain.REGTEST))).contains("zmqpubrawblock=tcp://0.0.0.0:28332\n")
        .contains("zmqpubrawtx=tcp://0.0.0.0:28333\n");
  }

  @Test
  void configHoldsNoCredentials() {
    assertThat(config(on(Chain.REGTEST))).doesNotContain("rpcuser").doesNotContain("rpcpassword");
  }

  @Test
  void argsPointAtTheConfigFileAndCarryNoCredential() {
    assertThat(core.args(on(Chain.REGTEST))).containsExactly("-conf=/etc/blockyard/bitcoin.conf");
    assertThat(String.join("", core.credentialFiles(on(Chain.REGTEST), "", "user", "secret-password").values()))
        .as("bitcoind never gets the password").doesNotContain("secret-password").startsWith("rpcauth=user:");
  }

  @Test
  void configIncludesTheRpcAuthLineFromTheOperatorsSecret() {
    assertThat(config(on(Chain.REGTEST))).contains("includeconf=/etc/blockyard-rpcauth/rpcauth.conf\n");
    assertThat(core.credentialFilesDir()).isEqualTo("/etc/blockyard-rpcauth");
    assertThat(core.credentialFiles(on(Chain.REGTEST), "", "u", "p")).containsOnlyKeys("rpcauth.conf");
  }

  @Test
  void readinessCallsBitcoinCliWithTheCookie() {
    assertThat(probeCommand(Chain.REGTEST)).as("the cookie in the data directory, no password")
        .isEqualTo("bitcoin-cli -regtest -datadir=/data -rpcconnect=127.0.0.1 -rpcport=18443 getblockcount");
    assertThat(probeCommand(Chain.SIGNET)).contains(" -signet ", "-rpcport=38332");
    assertThat(probeCommand(Chain.MAINNET)).startsWith("bitcoin-cli -datadir=/data -rpcconnect=")
        .contains("-rpcport=8332");
  }

  @Test
  void simnetIsRejected() {
    assertThatThrownBy(() -> core.rpcPort(Chain.SIMNET)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("simnet is a btcd-only chain");
    assertThatThrownBy(() -> core.p2pPort(Chain.SIMNET)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config(on(Chain.SIMNET))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simnet");
  }

  private String probeCommand(Chain chain) {
    var command = core.readinessProbe(on(chain)).getExec().getCommand();
    assertThat(command).startsWith("sh", "-c");
    return command.get(2);
  }
}
