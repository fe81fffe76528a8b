package io.blockyard.rpc;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A block holding only its coinbase transaction, solved for a test chain's trivial target.
 *
 * <p>Byte order: hashes are serialized in the internal order (the double SHA-256 as computed)
 * and shown reversed, as Bitcoin does.
 *
 * @param hash the block hash as nodes show it
 * @param hex the serialized block, for {@code submitblock}
 * @param time the header's time, for chaining the next block
 */
public record CoinbaseBlock(String hash, String hex, long time) {

  /**
   * Version 0x20000000 (BIP9) with bits 0-2 set: signalling CSV, segwit and taproot keeps
   * btcd's regtest, which activates them by BIP9 vote, moving towards activation.
   */
  static final int BLOCK_VERSION = 0x20000000 | 0b111;

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Builds and solves the block at {@code height} on top of {@code previousHash}.
   *
   * @param previousHash the parent's hash as nodes show it
   * @param bits the compact target, e.g. {@code 0x207fffff}
   * @param value the coinbase output's value in satoshi
   * @param outputScript the scriptPubKey the coinbase pays
   * @param extraNonce a few bytes that make this coinbase unlike any other at the same height
   */
  public static CoinbaseBlock solve(String previousHash, long height, long time, long bits,
      long value, byte[] outputScript, byte[] extraNonce) {
    byte[] coinbase = coinbaseTransaction(height, extraNonce, value, outputScript);
    byte[] merkleRoot = doubleSha256(coinbase); // one transaction: the root is its txid
    BigInteger target = target(bits);
    byte[] prev = reverse(HEX.parseHex(previousHash));
    for (long nonce = 0; nonce <= 0xffffffffL; nonce++) {
      byte[] header = header(BLOCK_VERSION, prev, merkleRoot, time, bits, nonce);
      byte[] hash = doubleSha256(header);
      if (new BigInteger(1, reverse(hash)).compareTo(target) <= 0) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(header);
        block.write(1); // transaction count
        block.writeBytes(coinbase);
        return new CoinbaseBlock(HEX.formatHex(reverse(hash)), HEX.formatHex(block.toByteArray()), time);
      }
    }
    throw new IllegalStateException("no nonce meets target bits " + Long.toHexString(bits)
        + "; only test chains with trivial targets are supported");
  }

  /**
   * A version 1 coinbase: one input (null prevout, index 0xffffffff, scriptSig = BIP34 height
   * push then the extra nonce, sequence 0xffffffff), one output, locktime 0.
   */
  static byte[] coinbaseTransaction(long height, byte[] extraNonce, long value, byte[] outputScript) {
    ByteArrayOutputStream scriptSig = new ByteArrayOutputStream();
    scriptSig.writeBytes(heightPush(height));
    scriptSig.write(extraNonce.length); // a direct push, so at most 75 bytes
    scriptSig.writeBytes(extraNonce);
    byte[] sig = scriptSig.toByteArray();
    if (sig.length < 2 || sig.length > 100 || extraNonce.length > 75) {
      throw new IllegalArgumentException("coinbase scriptSig must be 2-100 bytes, is " + sig.length);
    }
    ByteArrayOutputStream tx = new ByteArrayOutputStream();
    writeInt32(tx, 1);
    tx.write(1); // inputs
    tx.writeBytes(new byte[32]);
    writeInt32(tx, 0xffffffff);
    writeVarInt(tx, sig.length);
    tx.writeBytes(sig);
    writeInt32(tx, 0xffffffff);
    tx.write(1); // outputs
    writeInt64(tx, value);
    writeVarInt(tx, outputScript.length);
    tx.writeBytes(outputScript);
    writeInt32(tx, 0); // locktime
    return tx.toByteArray();
  }

  /** BIP34: the height as Bitcoin Core's {@code CScript() << height} pushes it (OP_0, OP_1..OP_16, or a minimal number). */
  static byte[] heightPush(long height) {
    if (height < 0) {
      throw new IllegalArgumentException("negative height " + height);
    }
    if (height == 0) {
      return new byte[] {0x00};
    }
    if (height <= 16) {
      return new byte[] {(byte) (0x50 + height)};
    }
    ByteArrayOutputStream number = new ByteArrayOutputStream();
    long rest = height;
    while (rest > 0) {
      number.write((int) (rest & 0xff));
      rest >>>= 8;
    }
    byte[] bytes = number.toByteArray();
    if ((bytes[bytes.length - 1] & 0x80) != 0) {
      bytes = Arrays.copyOf(bytes, bytes.length + 1); // keep the script number positive
    }
    byte[] push = new byte[bytes.length + 1];
    push[0] = (byte) bytes.length;
    System.arraycopy(bytes, 0, push, 1, bytes.length);
    return push;
  }

  /** The 80-byte header; {@code previous} and {@code merkleRoot} in internal byte order. */
  static byte[] header(int version, byte[] previous, byte[] merkleRoot, long time, long bits, long nonce) {
    ByteArrayOutputStream header = new ByteArrayOutputStream(80);
    writeInt32(header, version);
    header.writeBytes(previous);
    header.writeBytes(merkleRoot);
    writeInt32(header, (int) time);
    writeInt32(header, (int) bits);
    writeInt32(header, (int) nonce);
    return header.toByteArray();
  }

  /** The target a compact {@code bits} value stands for. */
  static BigInteger target(long bits) {
    int exponent = (int) ((bits >>> 24) & 0xff);
    BigInteger mantissa = BigInteger.valueOf(bits & 0x007fffffL);
    return exponent <= 3 ? mantissa.shiftRight(8 * (3 - exponent)) : mantissa.shiftLeft(8 * (exponent - 3));
  }

  static byte[] doubleSha256(byte[] data) {
    return Base58Check.sha256(Base58Check.sha256(data));
  }

  static byte[] reverse(byte[] bytes) {
    byte[] reversed = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      reversed[i] = bytes[bytes.length - 1 - i];
    }
    return reversed;
  }

  private static void writeInt32(ByteArrayOutputStream out, int value) {
    for (int i = 0; i < 4; i++) {
      out.write((value >>> (8 * i)) & 0xff);
    }
  }

  private static void writeInt64(ByteArrayOutputStream out, long value) {
    for (int i = 0; i < 8; i++) {
      out.write((int) ((value >>> (8 * i)) & 0xff));
    }
  }

  private static void writeVarInt(ByteArrayOutputStream out, long value) {
    if (value < 0xfd) {
      out.write((int) value);
    } else if (value <= 0xffff) {
      out.write(0xfd);
      out.write((int) (value & 0xff));
      out.write((int) ((value >>> 8) & 0xff));
    } else {
      throw new IllegalArgumentException("scripts this long are not built here: " + value);
    }
  }
}
