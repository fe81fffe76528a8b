package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads a Secret's values as text, whether they came back in data (base64) or were just written as stringData. */
public final class SecretValues {
  private SecretValues() {}

  /** The value, or null when the Secret or the key is absent. */
  public static String text(Secret secret, String key) {
    if (secret == null) {
      return null;
    }
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    return secret.getStringData() == null ? null : secret.getStringData().get(key);
  }
}
