package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secret values as text. Builders write {@code data} (base64), never {@code stringData}: the API server returns only
 * {@code data}, so a desired Secret with {@code stringData} never matches the one in the cluster and is rewritten on
 * every pass (each write an event that starts the next pass).
 */
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

  /** Text values as a Secret's {@code data}: base64, sorted by key, as the API server hands them back. */
  public static Map<String, String> data(Map<String, String> text) {
    Map<String, String> data = new TreeMap<>();
    text.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return data;
  }
}
