package io.blockyard.rpc;

import java.util.Set;

/**
 * The output script (scriptPubKey) that pays an address, for the address kinds test chains
 * use: Base58Check P2PKH and P2SH, and segwit (P2WPKH, P2WSH, P2TR, later versions) under
 * any human-readable part.
 */
public final class OutputScript {

  /** P2PKH version bytes: mainnet, testnet/regtest/signet, btcd simnet, bcoin regtest. */
  static final Set<Integer> P2PKH_VERSIONS = Set.of(0x00, 0x6f, 0x3f, 0x3c);
  /** P2SH version bytes: mainnet, testnet/regtest/signet, btcd simnet, bcoin regtest. */
  static final Set<Integer> P2SH_VERSIONS = Set.of(0x05, 0xc4, 0x7b, 0x26);

  private static final int OP_DUP = 0x76;
  private static final int OP_HASH160 = 0xa9;
  private static final int OP_EQUALVERIFY = 0x88;
  private static final int OP_EQUAL = 0x87;
  private static final int OP_CHECKSIG = 0xac;

  private OutputScript() {}

  /**
   * The scriptPubKey paying {@code address}.
   *
   * @throws IllegalArgumentException when the address is neither a known Base58Check kind nor
   *     a valid segwit address (the message says why)
   */
  public static byte[] forAddress(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("no address given");
    }
    String trimmed = address.trim();
    IllegalArgumentException asSegwit;
    try {
      return WitnessProgram.decode(trimmed).scriptPubKey();
    } catch (IllegalArgumentException e) {
      asSegwit = e;
    }
    Base58Check.Decoded decoded;
    try {
      decoded = Base58Check.decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + trimmed + "' is neither a segwit address ("
          + asSegwit.getMessage() + ") nor a Base58Check address (" + e.getMessage() + ")");
    }
    if (decoded.payload().length != 20) {
      throw new IllegalArgumentException("Base58Check address '" + trimmed + "' carries "
          + decoded.payload().length + " bytes, not a 20-byte hash");
    }
    if (P2PKH_VERSIONS.contains(decoded.version())) {
      return p2pkh(decoded.payload());
    }
    if (P2SH_VERSIONS.contains(decoded.version())) {
      return p2sh(decoded.payload());
    }
    throw new IllegalArgumentException(String.format(
        "Base58Check address '%s' has the unknown version byte 0x%02x; known P2PKH %s, P2SH %s",
        trimmed, decoded.version(), hex(P2PKH_VERSIONS), hex(P2SH_VERSIONS)));
  }

  /** {@code OP_DUP OP_HASH160 <20 bytes> OP_EQUALVERIFY OP_CHECKSIG}. */
  static byte[] p2pkh(byte[] hash) {
    byte[] script = new byte[25];
    script[0] = (byte) OP_DUP;
    script[1] = (byte) OP_HASH160;
    script[2] = 20;
    System.arraycopy(hash, 0, script, 3, 20);
    script[23] = (byte) OP_EQUALVERIFY;
    script[24] = (byte) OP_CHECKSIG;
    return script;
  }

  /** {@code OP_HASH160 <20 bytes> OP_EQUAL}. */
  static byte[] p2sh(byte[] hash) {
    byte[] script = new byte[23];
    script[0] = (byte) OP_HASH160;
    script[1] = 20;
    System.arraycopy(hash, 0, script, 2, 20);
    script[22] = (byte) OP_EQUAL;
    return script;
  }

  private static String hex(Set<Integer> versions) {
    return versions.stream().sorted().map(v -> String.format("0x%02x", v)).toList().toString();
  }
}
