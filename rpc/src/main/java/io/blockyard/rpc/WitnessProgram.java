package io.blockyard.rpc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A segwit address's content (BIP173, BIP350): human-readable part (bc, tb, bcrt, sb, ...),
 * witness version 0-16 and program. Version 0 uses the Bech32 checksum, versions 1-16 Bech32m.
 */
public record WitnessProgram(String hrp, int version, byte[] program) {

  public WitnessProgram {
    if (version < 0 || version > 16) {
      throw new IllegalArgumentException("witness version " + version + " is not 0-16");
    }
    if (program.length < 2 || program.length > 40) {
      throw new IllegalArgumentException("witness program of " + program.length + " bytes; 2-40 allowed");
    }
    if (version == 0 && program.length != 20 && program.length != 32) {
      throw new IllegalArgumentException("version 0 witness program of " + program.length
          + " bytes; only 20 (P2WPKH) and 32 (P2WSH) exist");
    }
    program = program.clone();
  }

  /**
   * Reads a segwit address of any human-readable part.
   *
   * @throws IllegalArgumentException when {@code address} is not a valid segwit address
   */
  public static WitnessProgram decode(String address) {
    Bech32.Decoded decoded = Bech32.decode(address);
    if (decoded.data().length < 1) {
      throw new IllegalArgumentException("segwit address without a witness version");
    }
    int version = decoded.data()[0];
    Bech32.Variant expected = version == 0 ? Bech32.Variant.BECH32 : Bech32.Variant.BECH32M;
    if (decoded.variant() != expected) {
      throw new IllegalArgumentException("witness version " + version + " needs the "
          + expected + " checksum, the address has " + decoded.variant());
    }
    byte[] program = Bech32.convertBits(
        Arrays.copyOfRange(decoded.data(), 1, decoded.data().length), 5, 8, false);
    return new WitnessProgram(decoded.hrp(), version, program);
  }

  /** The address text, lower case. */
  public String encode() {
    byte[] five = Bech32.convertBits(program, 8, 5, true);
    byte[] data = new byte[five.length + 1];
    data[0] = (byte) version;
    System.arraycopy(five, 0, data, 1, five.length);
    return Bech32.encode(hrp, data, version == 0 ? Bech32.Variant.BECH32 : Bech32.Variant.BECH32M);
  }

  /** {@code OP_n <program>}: OP_0 is 0x00, OP_1..OP_16 are 0x51..0x60. */
  public byte[] scriptPubKey() {
    byte[] script = new byte[program.length + 2];
    script[0] = (byte) (version == 0 ? 0 : 0x50 + version);
    script[1] = (byte) program.length;
    System.arraycopy(program, 0, script, 2, program.length);
    return script;
  }

  @Override
  public byte[] program() {
    return program.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WitnessProgram that && hrp.equals(that.hrp) && version == that.version
        && Arrays.equals(program, that.program);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * hrp.hashCode() + version) + Arrays.hashCode(program);
  }

  @Override
  public String toString() {
    return "WitnessProgram[" + hrp + ", v" + version + ", " + HexFormat.of().formatHex(program) + "]";
  }
}
