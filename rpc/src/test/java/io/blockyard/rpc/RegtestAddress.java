package io.blockyard.rpc;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Pay-to-public-key-hash addresses for test chains, built without a wallet. */
final class RegtestAddress {

  /** The P2PKH version byte of Bitcoin Core's and btcd's regtest. */
  static final int CORE_REGTEST_P2PKH = 0x6f;
  /** bcoin's regtest P2PKH version byte (bcoin rejects 0x6f there). */
  static final int BCOIN_REGTEST_P2PKH = 0x3c;

  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private RegtestAddress() {}

  /** Base58Check of the version byte and a 20-byte hash made of {@code fill}. */
  static String p2pkh(int version, int fill) {
    byte[] payload = new byte[21];
    payload[0] = (byte) version;
    Arrays.fill(payload, 1, 21, (byte) fill);
    byte[] checksum = Arrays.copyOf(sha256(sha256(payload)), 4);
    byte[] full = Arrays.copyOf(payload, 25);
    System.arraycopy(checksum, 0, full, 21, 4);
    return base58(full);
  }

  private static String base58(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    BigInteger value = new BigInteger(1, bytes);
    BigInteger base = BigInteger.valueOf(58);
    while (value.signum() > 0) {
      BigInteger[] divided = value.divideAndRemainder(base);
      text.append(ALPHABET.charAt(divided[1].intValue()));
      value = divided[0];
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      text.append('1');
    }
    return text.reverse().toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
