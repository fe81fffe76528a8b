package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.SecretValues;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The generated RPC credentials: made once with SecureRandom, never regenerated, never in the CR or status. */
public final class CredentialsSecret {
  public static final String USER_KEY = "user";
  public static final String PASSWORD_KEY = "password";

  private CredentialsSecret() {}

  public static Secret desired(BitcoinNetwork network, SecureRandom random) {
    NetworkNames names = NetworkNames.of(network);
    byte[] password = new byte[32];
    random.nextBytes(password);
    return new SecretBuilder().withNewMetadata().withName(names.generatedCredentialsSecret())
        .withNamespace(names.namespace()).withLabels(names.labels(NodeProgram.of(
            network.getSpec().getImplementation()).name())).endMetadata()
        .withType("Opaque")
        .withData(SecretValues.data(Map.of(USER_KEY, "blockyard",
            PASSWORD_KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(password))))
        .build();
  }

  /** The Secret the nodes' credentials come from: the user's, or the generated one. */
  /** Whether the operator makes the credentials: the user names no Secret of their own. */
  public static boolean generates(BitcoinNetwork network) {
    return network.getSpec().getRpc() == null || network.getSpec().getRpc().getCredentialsSecret() == null;
  }

  public static String nameFor(BitcoinNetwork network) {
    if (network.getSpec().getRpc() != null && network.getSpec().getRpc().getCredentialsSecret() != null) {
      return network.getSpec().getRpc().getCredentialsSecret();
    }
    return NetworkNames.of(network).generatedCredentialsSecret();
  }
}
