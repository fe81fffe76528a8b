package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.SecretValues;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Optional;

/**
 * What a node reads of the RPC credentials, as files in a Secret it mounts ({@link NodeProgram#credentialFiles}):
 * btcd's configuration with its rpcuser and rpcpass, Bitcoin Core's rpcauth line. The pod needs no init container to
 * write them, and no credential goes through its spec or environment. Pure.
 */
public final class RpcAuthSecret {
  private RpcAuthSecret() {}

  public static Secret desired(BitcoinNetwork network, String user, String password) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    return new SecretBuilder().withNewMetadata().withName(names.rpcAuthSecret()).withNamespace(names.namespace())
        .withLabels(names.labels(program.name())).endMetadata()
        .withType("Opaque")
        .withData(SecretValues.data(program.credentialFiles(network, NodeConfigMap.content(network), user,
            password)))
        .build();
  }

  /**
   * Why these credentials cannot go into a node's configuration file, or empty: a line break would end the line and
   * start another setting of the Secret writer's choosing; a ':' in the user would split Bitcoin Core's rpcauth line
   * and HTTP basic authentication alike.
   */
  public static Optional<String> unusable(String user, String password) {
    if (user.isEmpty() || user.contains(":")) {
      return Optional.of("the RPC user is empty or contains ':'");
    }
    if (breaksALine(user)) {
      return Optional.of("the RPC user contains a line break or NUL");
    }
    if (breaksALine(password)) {
      return Optional.of("the RPC password contains a line break or NUL");
    }
    if (password.isEmpty() || !password.equals(password.strip())) {
      return Optional.of("the RPC password is empty or starts or ends with whitespace, which a configuration file "
          + "drops");
    }
    return Optional.empty();
  }

  private static boolean breaksALine(String value) {
    return value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0);
  }
}
