package io.blockyard.rpc.lnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout of lnd's macaroons; that lnd accepts them is shown against a real lnd in LndRestTest. */
class LndMacaroonsTest {
  static final byte[] KEY = new byte[32];
  static final byte[] NONCE = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  @Test
  void theIdentifierIsBakeryV3WithRootKeyIdZeroAndTheOperationsGroupedBySortedEntity() {
    byte[] id = LndMacaroons.identifier(NONCE, List.of("peers:write", "info:read", "peers:read"));
    HexFormat hex = HexFormat.of();
    String expected = "03" // bakery v3
        + "0a10" + hex.formatHex(NONCE) // nonce
        + "1201" + "30" // storageId "0"
        + "1a0c" + "0a04" + hex.formatHex("info".getBytes(StandardCharsets.US_ASCII))
        + "1204" + hex.formatHex("read".getBytes(StandardCharsets.US_ASCII))
        + "1a14" + "0a05" + hex.formatHex("peers".getBytes(StandardCharsets.US_ASCII))
        + "1204" + hex.formatHex("read".getBytes(StandardCharsets.US_ASCII))
        + "1205" + hex.formatHex("write".getBytes(StandardCharsets.US_ASCII));
    assertThat(hex.formatHex(id)).isEqualTo(expected);
  }

  @Test
  void theMacaroonIsV2BinaryWithLocationIdentifierAndTheChainedSignature() {
    byte[] macaroon = LndMacaroons.mint(KEY, NONCE, List.of("info:read"));
    byte[] id = LndMacaroons.identifier(NONCE, List.of("info:read"));
    assertThat(macaroon[0]).isEqualTo((byte) 2);
    assertThat(Arrays.copyOfRange(macaroon, 1, 6)).containsExactly(1, 3, 'l', 'n', 'd');
    assertThat(macaroon[6]).isEqualTo((byte) 2);
    assertThat(macaroon[7]).isEqualTo((byte) id.length);
    assertThat(Arrays.copyOfRange(macaroon, 8, 8 + id.length)).isEqualTo(id);
    int after = 8 + id.length;
    assertThat(Arrays.copyOfRange(macaroon, after, after + 4)).containsExactly(0, 0, 6, 32);
    byte[] signature = LndMacaroons.hmac(LndMacaroons.hmac(
        "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII), KEY), id);
    assertThat(Arrays.copyOfRange(macaroon, after + 4, macaroon.length)).isEqualTo(signature);
  }

  @Test
  void eachAdminMacaroonHasItsOwnNonceAndAWrongKeyIsRefusedUpFront() {
    SecureRandom random = new SecureRandom();
    assertThat(LndMacaroons.admin(KEY, random)).isNotEqualTo(LndMacaroons.admin(KEY, random));
    assertThatThrownBy(() -> LndMacaroons.admin(new byte[16], random)).hasMessageContaining("32 bytes");
    assertThat(LndMacaroons.newRootKey(random)).hasSize(32).isNotEqualTo(LndMacaroons.newRootKey(random));
  }
}
