package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MiningAddressTest {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /** Base58 decoding written independently of the operator's encoder. */
  static byte[] base58Decode(String text) {
    BigInteger value = BigInteger.ZERO;
    for (char c : text.toCharArray()) {
      int digit = ALPHABET.indexOf(c);
      assertThat(digit).as("base58 digit %s", c).isNotNegative();
      value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
    }
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length); // BigInteger's sign byte
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] full = new byte[zeros + bytes.length];
    System.arraycopy(bytes, 0, full, zeros, bytes.length);
    return full;
  }

  /** The 25 bytes of a P2PKH address after its checksum was verified. */
  static byte[] decodeChecked(String address) throws Exception {
    byte[] full = base58Decode(address);
    assertThat(full).hasSize(25);
    byte[] body = Arrays.copyOf(full, 21);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] check = Arrays.copyOf(sha.digest(sha.digest(body)), 4);
    assertThat(Arrays.copyOfRange(full, 21, 25)).as("checksum of %s", address).isEqualTo(check);
    return full;
  }

  static BitcoinNetwork on(Chain chain, String uid) {
    return TestNetworks.withUid(TestNetworks.network("net", Implementation.BTCD, chain), uid);
  }

  @Test
  void regtestAddressIsAValidP2pkhWithVersion0x6f() throws Exception {
    String address = MiningAddress.of(TestNetworks.btcd());

    byte[] decoded = decodeChecked(address);
    assertThat(decoded[0]).isEqualTo((byte) 0x6f);
    assertThat(address).matches("[mn][1-9A-HJ-NP-Za-km-z]{25,34}");
  }

  @Test
  void simnetAddressIsAValidP2pkhWithVersion0x3f() throws Exception {
    String address = MiningAddress.of(on(Chain.SIMNET, TestNetworks.UID));

    byte[] decoded = decodeChecked(address);
    assertThat(decoded[0]).isEqualTo((byte) 0x3f);
    assertThat(address).startsWith("S");
  }

  @Test
  void sameUidGivesTheSameAddress() {
    assertThat(MiningAddress.of(on(Chain.REGTEST, "uid-1"))).isEqualTo(MiningAddress.of(on(Chain.REGTEST, "uid-1")));
  }

  @Test
  void anotherUidGivesAnotherAddress() {
    assertThat(MiningAddress.of(on(Chain.REGTEST, "uid-1"))).isNotEqualTo(MiningAddress.of(on(Chain.REGTEST, "uid-2")));
  }

  @Test
  void regtestAndSimnetPayTheSameKeyHash() throws Exception {
    byte[] regtest = decodeChecked(MiningAddress.of(on(Chain.REGTEST, "uid-1")));
    byte[] simnet = decodeChecked(MiningAddress.of(on(Chain.SIMNET, "uid-1")));

    assertThat(Arrays.copyOfRange(regtest, 1, 21)).isEqualTo(Arrays.copyOfRange(simnet, 1, 21));
  }

  @Test
  void theImplementationDoesNotMatter() {
    BitcoinNetwork core = TestNetworks.bitcoind();

    assertThat(MiningAddress.of(core)).isEqualTo(MiningAddress.of(TestNetworks.btcd()));
  }

  @ParameterizedTest
  @EnumSource(value = Chain.class, names = {"MAINNET", "TESTNET", "SIGNET"})
  void noAddressOnChainsThatCannotMineOnDemand(Chain chain) {
    assertThat(MiningAddress.of(on(chain, TestNetworks.UID))).isNull();
  }

  @Test
  void noAddressBeforeTheNetworkHasAUid() {
    assertThat(MiningAddress.of(on(Chain.REGTEST, null))).isNull();
  }
}
