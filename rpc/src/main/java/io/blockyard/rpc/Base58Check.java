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

  /** A decoded Base58Check string: the version byte and the payload after it. */
  public record Decoded(int version, byte[] payload) {}

  /**
   * Decodes and checks {@code text}.
   *
   * @throws IllegalArgumentException when it is not Base58, too short, or its checksum is wrong
   */
  public static Decoded decode(String text) {
    BigInteger n = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(58);
    for (int i = 0; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("not Base58: character '" + text.charAt(i) + "' at " + i);
      }
      n = n.multiply(base).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
    if (magnitude.length > 0 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length); // BigInteger's sign byte
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] full = new byte[zeros + magnitude.length];
    System.arraycopy(magnitude, 0, full, zeros, magnitude.length);
    if (full.length < 5) {
      throw new IllegalArgumentException("too short for Base58Check: " + full.length + " bytes");
    }
    byte[] body = Arrays.copyOf(full, full.length - 4);
    byte[] check = Arrays.copyOf(sha256(sha256(body)), 4);
    if (!Arrays.equals(check, Arrays.copyOfRange(full, full.length - 4, full.length))) {
      throw new IllegalArgumentException("Base58Check checksum mismatch");
    }
    return new Decoded(body[0] & 0xff, Arrays.copyOfRange(body, 1, body.length));
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
