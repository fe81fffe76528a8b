package io.blockyard.operator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of keys and certificates, in the forms Go programs (btcd, lnd) read. */
public final class Pem {
  private Pem() {}

  /** PKCS#8, which Go and openssl read; BouncyCastle's SEC1 output lacks the curve and Go rejects it. */
  public static String pkcs8(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** A certificate (or any object BouncyCastle can write) as PEM. */
  public static String of(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
