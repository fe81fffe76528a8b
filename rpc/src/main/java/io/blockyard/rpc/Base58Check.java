package io.blockyard.rpc;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58Check, the encoding of legacy Bitcoin addresses: version byte, payload, 4-byte double-SHA-256 checksum. */
public final class Base58Check {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private Base58Check() {}

  public static String encode(int version, byte[] payload) {
    byte[] body = new byte[payload.length + 1];
    body[0] = (byte) version;
    System.arraycopy(payload, 0, body, 1, payload.length);
    byte[] check = sha256(sha256(body));
    byte[] full = Arrays.copyOf(body, body.length + 4);
    System.arraycopy(check, 0, full, body.length, 4);
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, full);
    BigInteger base = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(base);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < full.length && full[i] == 0; i++) {
      sb.append('1');
    }
    return sb.reverse().toString();
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
