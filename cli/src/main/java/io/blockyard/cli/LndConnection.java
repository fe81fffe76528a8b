package io.blockyard.cli;

import io.blockyard.api.lightning.LightningNames;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The connection Secret the operator writes for a LightningNode ({@code <node>-lnd-connection}), read: lnd's
 * certificate, the node's URI and its macaroons. Pure; never shows a macaroon.
 */
final class LndConnection {
  static final String TLS_CERT_KEY = LightningNames.TLS_CERT_KEY;
  static final String URI_KEY = LightningNames.URI_KEY;

  /** Which macaroon a command calls with: the least that the call needs. */
  enum Macaroon {
    ADMIN(LightningNames.ADMIN_MACAROON_KEY), READONLY(LightningNames.READONLY_MACAROON_KEY),
    INVOICE(LightningNames.INVOICE_MACAROON_KEY);

    final String key;

    Macaroon(String key) {
      this.key = key;
    }
  }

  private final String secretName;
  private final Map<String, String> data;

  private LndConnection(String secretName, Map<String, String> data) {
    this.secretName = secretName;
    this.data = data == null ? Map.of() : data;
  }

  static LndConnection of(Secret secret) {
    return new LndConnection(secret.getMetadata().getName(), secret.getData());
  }

  static String secretName(String node) {
    return new LightningNames(node, null).connectionSecret();
  }

  /** lnd's self-signed certificate, PEM; it names the Service, not the pod IP. */
  String tlsCertPem() {
    return new String(required(TLS_CERT_KEY), StandardCharsets.UTF_8);
  }

  /** {@code pubkey@host:9735}, as peers in the cluster reach the node; null when the Secret has none. */
  String uri() {
    String b64 = data.get(URI_KEY);
    return b64 == null ? null : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  /** The macaroon in hex, as lnd's REST API takes it in its header. */
  String macaroonHex(Macaroon macaroon) {
    return HexFormat.of().formatHex(required(macaroon.key));
  }

  private byte[] required(String key) {
    String b64 = data.get(key);
    if (b64 == null || b64.isEmpty()) {
      throw new IllegalStateException("the connection Secret " + secretName + " has no key \"" + key
          + "\": the operator writes it; kubectl describe secret " + secretName + " shows what is there");
    }
    return Base64.getDecoder().decode(b64);
  }

  @Override
  public String toString() {
    return "LndConnection[" + secretName + ", macaroons hidden]";
  }
}
