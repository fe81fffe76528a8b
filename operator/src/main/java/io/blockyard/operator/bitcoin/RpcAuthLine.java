package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bitcoin Core's {@code rpcauth=<user>:<salt>$<hmac>} for the network's RPC credentials: bitcoind checks the password
 * against the hash and never sees the password itself. Pure.
 */
final class RpcAuthLine {
  private RpcAuthLine() {}

  static String of(BitcoinNetwork network, String user, String password) {
    return "rpcauth=" + line(user, password, salt(network, password)) + "\n";
  }

  /** What Bitcoin Core's share/rpcauth/rpcauth.py prints: HMAC-SHA256 keyed by the salt's text, of the password. */
  static String line(String user, String password, String salt) {
    return user + ":" + salt + "$" + HexFormat.of().formatHex(hmac(salt, password));
  }

  /**
   * Derived, not drawn: the Secret's desired state must be the same on every pass (a new salt each time would write
   * the Secret and roll nothing). Keyed by the password, so it says nothing without it; per network, so two networks
   * with one password still get different hashes.
   */
  static String salt(BitcoinNetwork network, String password) {
    String id = network.getMetadata().getNamespace() + "/" + network.getMetadata().getName();
    return HexFormat.of().formatHex(hmac(password, "blockyard rpcauth salt " + id), 0, 16);
  }

  private static byte[] hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
