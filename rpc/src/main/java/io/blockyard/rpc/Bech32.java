package io.blockyard.rpc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/** Bech32 (BIP173) and Bech32m (BIP350): a human-readable part, '1', 5-bit data and a 6-character checksum. */
public final class Bech32 {

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  /** The two checksum constants. */
  public enum Variant {
    BECH32(1), BECH32M(0x2bc830a3);

    private final int constant;

    Variant(int constant) {
      this.constant = constant;
    }
  }

  /** A decoded string: lower-case human-readable part, 5-bit values without the checksum, the variant. */
  public record Decoded(String hrp, byte[] data, Variant variant) {}

  private Bech32() {}

  /** Encodes 5-bit {@code data} under {@code hrp} (taken in lower case). */
  public static String encode(String hrp, byte[] data, Variant variant) {
    String lower = hrp.toLowerCase(Locale.ROOT);
    byte[] values = Arrays.copyOf(data, data.length + 6);
    int mod = polymod(expand(lower, values)) ^ variant.constant;
    for (int i = 0; i < 6; i++) {
      values[data.length + i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    StringBuilder text = new StringBuilder(lower).append('1');
    for (byte value : values) {
      text.append(CHARSET.charAt(value));
    }
    return text.toString();
  }

  /**
   * Decodes {@code text} and tells which checksum it carries.
   *
   * @throws IllegalArgumentException for mixed case, bad characters, a bad length or checksum
   */
  public static Decoded decode(String text) {
    if (text.length() > 90) {
      throw new IllegalArgumentException("bech32 string longer than 90 characters");
    }
    if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("bech32 string mixes upper and lower case");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    int separator = lower.lastIndexOf('1');
    if (separator < 1 || separator + 7 > lower.length()) {
      throw new IllegalArgumentException("bech32 string has no human-readable part or too short a checksum");
    }
    String hrp = lower.substring(0, separator);
    for (char c : hrp.toCharArray()) {
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("bech32 human-readable part has a character out of range");
      }
    }
    byte[] values = new byte[lower.length() - separator - 1];
    for (int i = 0; i < values.length; i++) {
      int value = CHARSET.indexOf(lower.charAt(separator + 1 + i));
      if (value < 0) {
        throw new IllegalArgumentException("bech32 data has the invalid character '"
            + lower.charAt(separator + 1 + i) + "'");
      }
      values[i] = (byte) value;
    }
    int check = polymod(expand(hrp, values));
    Variant variant = check == Variant.BECH32.constant ? Variant.BECH32
        : check == Variant.BECH32M.constant ? Variant.BECH32M : null;
    if (variant == null) {
      throw new IllegalArgumentException("bech32 checksum mismatch");
    }
    return new Decoded(hrp, Arrays.copyOf(values, values.length - 6), variant);
  }

  /** Regroups bits, e.g. 8-bit bytes into 5-bit values ({@code pad}) and back (no padding allowed). */
  public static byte[] convertBits(byte[] data, int fromBits, int toBits, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxValue = (1 << toBits) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      int value = b & 0xff;
      if (value >>> fromBits != 0) {
        throw new IllegalArgumentException("value " + value + " does not fit in " + fromBits + " bits");
      }
      acc = (acc << fromBits) | value;
      bits += fromBits;
      while (bits >= toBits) {
        bits -= toBits;
        out.write((acc >>> bits) & maxValue);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (toBits - bits)) & maxValue);
      }
    } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) != 0) {
      throw new IllegalArgumentException("invalid padding in bech32 data");
    }
    return out.toByteArray();
  }

  private static byte[] expand(String hrp, byte[] values) {
    byte[] expanded = new byte[hrp.length() * 2 + 1 + values.length];
    for (int i = 0; i < hrp.length(); i++) {
      expanded[i] = (byte) (hrp.charAt(i) >>> 5);
      expanded[hrp.length() + 1 + i] = (byte) (hrp.charAt(i) & 31);
    }
    System.arraycopy(values, 0, expanded, hrp.length() * 2 + 1, values.length);
    return expanded;
  }

  private static int polymod(byte[] values) {
    int chk = 1;
    for (byte value : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ value;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }
}
