package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The address a test network's blocks are mined to: a pay-to-pubkey-hash address derived from the network's UID,
 * so it is stable across reconciles and restarts. Nobody holds its key: mined coins are not meant to be spent.
 */
public final class MiningAddress {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private MiningAddress() {}

  /** Null for chains that cannot mine on demand. */
  public static String of(BitcoinNetwork network) {
    Chain chain = network.getSpec().getChain();
    if (!chain.minesOnDemand() || network.getMetadata().getUid() == null) {
      return null;
    }
    int version = chain == Chain.SIMNET ? 0x3f : 0x6f;
    byte[] hash = sha256(("blockyard-mining:" + network.getMetadata().getUid()).getBytes(StandardCharsets.UTF_8));
    return base58Check(version, Arrays.copyOf(hash, 20));
  }

  static String base58Check(int version, byte[] payload) {
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

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
