package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.TreeMap;

/** A built Secret's values as text, for assertions (builders write base64 data, as the API server returns it). */
public final class SecretTexts {
  private SecretTexts() {}

  public static Map<String, String> of(Secret secret) {
    Map<String, String> text = new TreeMap<>();
    secret.getData().keySet().forEach(key -> text.put(key, SecretValues.text(secret, key)));
    return text;
  }
}
