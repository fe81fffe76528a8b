package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address to scriptPubKey, against the BIP173/BIP350 vectors and known Base58 addresses. */
class OutputScriptTest {

  @ParameterizedTest
  @CsvSource({
      // BIP350 valid segwit addresses (the BIP173 ones with v1+ moved to Bech32m).
      "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4, 0014751e76e8199196d454941c45d1b3a323f1433bd6",
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7, 00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
      "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y, 5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
      "BC1SW50QGDZ25J, 6002751e",
      "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs, 5210751e76e8199196d454941c45d1b3a323",
      "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy, 0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
      "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c, 5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0, 512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
      // Base58Check: mainnet and testnet/regtest P2PKH and P2SH of the same hashes.
      "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH, 76a914751e76e8199196d454941c45d1b3a323f1433bd688ac",
      "mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r, 76a914751e76e8199196d454941c45d1b3a323f1433bd688ac",
      "3LRW7jeCvQCRdPF8S3yUCfRAx4eqXFmdcr, a914cd7b44d0b03f2d026d1e586d7ae18903b0d385f687",
      "2NByiBUaEXrhmqAsg7BbLpcQSAQs1EDwt5w, a914cd7b44d0b03f2d026d1e586d7ae18903b0d385f687",
  })
  void paysTheAddressesScript(String address, String scriptHex) {
    assertThat(HexFormat.of().formatHex(OutputScript.forAddress(address))).isEqualTo(scriptHex);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", // v1 with Bech32 checksum
      "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", // v2 with Bech32 checksum
      "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", // v16 with Bech32 checksum
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", // v0 with Bech32m checksum
      "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", // v0 with Bech32m checksum
      "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", // invalid character
      "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", // witness version 17
      "bc1pw5dgrnzv", // program of 1 byte
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", // 41 bytes
      "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", // v0 program of 16 bytes
      "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", // mixed case
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", // more than 4 padding bits
      "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", // non-zero padding
      "bc1gmk9yu", // empty data
      "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMJ", // Base58Check checksum
      "not an address",
  })
  void refusesInvalidAddresses(String address) {
    assertThatThrownBy(() -> OutputScript.forAddress(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(address.trim());
  }

  @ParameterizedTest
  @CsvSource({
      "bcrt, 0, 751e76e8199196d454941c45d1b3a323f1433bd6",
      "sb, 0, 1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
      "bcrt, 1, 79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
  })
  void witnessProgramsRoundTripUnderAnyHrp(String hrp, int version, String program) {
    WitnessProgram written = new WitnessProgram(hrp, version, HexFormat.of().parseHex(program));

    String address = written.encode();

    assertThat(address).startsWith(hrp + "1" + (version == 0 ? "q" : "p"));
    assertThat(WitnessProgram.decode(address)).isEqualTo(written);
    assertThat(WitnessProgram.decode(address.toUpperCase())).isEqualTo(written);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A12UEL5L", "a12uel5l",
      "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
      "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
      "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
      "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"})
  void bip173ValidBech32Strings(String text) {
    Bech32.Decoded decoded = Bech32.decode(text);

    assertThat(decoded.variant()).isEqualTo(Bech32.Variant.BECH32);
    assertThat(Bech32.encode(decoded.hrp(), decoded.data(), decoded.variant()))
        .isEqualTo(text.toLowerCase());
  }

  @ParameterizedTest
  @ValueSource(strings = {"A1LQFN3A", "a1lqfn3a",
      "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
      "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa"})
  void bip350ValidBech32mStrings(String text) {
    assertThat(Bech32.decode(text).variant()).isEqualTo(Bech32.Variant.BECH32M);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8",
      "10a06t8", "1qzzfhee"})
  void bip173InvalidBech32Strings(String text) {
    assertThatThrownBy(() -> Bech32.decode(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void base58CheckRoundTrips() {
    byte[] hash = HexFormat.of().parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");

    Base58Check.Decoded decoded = Base58Check.decode(Base58Check.encode(0x3f, hash));

    assertThat(decoded.version()).isEqualTo(0x3f);
    assertThat(decoded.payload()).isEqualTo(hash);
    assertThat(OutputScript.forAddress(Base58Check.encode(0x7b, hash)))
        .isEqualTo(HexFormat.of().parseHex("a914751e76e8199196d454941c45d1b3a323f1433bd687"));
    assertThatThrownBy(() -> OutputScript.forAddress(Base58Check.encode(0x99, hash)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x99");
  }
}
