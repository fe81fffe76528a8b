package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.lightning.ExternalBackendSpec;
import io.blockyard.operator.bitcoin.BitcoinCoreProgram;
import io.blockyard.operator.bitcoin.CredentialsSecret;
import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.bitcoin.NodeProgram;
import io.blockyard.operator.bitcoin.RpcTlsSecret;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Lightning node gets the chain from, as the lnd container sees it: environment variables (values, or keys of
 * Secrets, so that no credential is written into the pod spec) and the Secret with the RPC certificate to trust.
 *
 * @param tlsSecret the Secret holding the certificate lnd trusts for the backend's RPC (btcd only), or null
 * @param tlsKey the key of that certificate in the Secret
 * @param networkName the BitcoinNetwork, or null for an external backend
 */
public record ChainBackend(Implementation implementation, Chain chain, List<EnvVar> env, String tlsSecret,
    String tlsKey, String networkName) {
  public static final String HOST_ENV = "BACKEND_RPC_HOST";
  public static final String USER_ENV = "BACKEND_RPC_USER";
  public static final String PASSWORD_ENV = "BACKEND_RPC_PASSWORD";
  public static final String ZMQ_BLOCK_ENV = "BACKEND_ZMQ_RAW_BLOCK";
  public static final String ZMQ_TX_ENV = "BACKEND_ZMQ_RAW_TX";
  /** Keys of an external backend's Secret. */
  public static final String HOST_KEY = "host";
  public static final String USER_KEY = "user";
  public static final String PASSWORD_KEY = "password";
  public static final String CA_KEY = "ca.crt";
  public static final String ZMQ_BLOCK_KEY = "zmqpubrawblock";
  public static final String ZMQ_TX_KEY = "zmqpubrawtx";

  /** A BitcoinNetwork's node 0, reached by its stable DNS name, with the network's credentials and CA. */
  public static ChainBackend of(BitcoinNetwork network) {
    NetworkNames names = NetworkNames.of(network);
    Implementation implementation = network.getSpec().getImplementation();
    Chain chain = network.getSpec().getChain();
    NodeProgram program = NodeProgram.of(implementation);
    String credentials = CredentialsSecret.nameFor(network);
    String node0 = names.podDnsName(0);
    List<EnvVar> env = new ArrayList<>(List.of(
        value(HOST_ENV, node0 + ":" + program.rpcPort(chain)),
        fromSecret(USER_ENV, credentials, CredentialsSecret.USER_KEY),
        fromSecret(PASSWORD_ENV, credentials, CredentialsSecret.PASSWORD_KEY)));
    if (implementation == Implementation.BITCOIND) {
      env.add(value(ZMQ_BLOCK_ENV, "tcp://" + node0 + ":" + BitcoinCoreProgram.ZMQ_RAW_BLOCK_PORT));
      env.add(value(ZMQ_TX_ENV, "tcp://" + node0 + ":" + BitcoinCoreProgram.ZMQ_RAW_TX_PORT));
    }
    // A generated certificate and a cert-manager Secret both carry the issuing CA as ca.crt.
    String tls = RpcTlsSecret.nameFor(network);
    return new ChainBackend(implementation, chain, env, tls, tls == null ? null : "ca.crt",
        network.getMetadata().getName());
  }

  /** A node outside Blockyard, everything from the user's Secret. */
  public static ChainBackend of(ExternalBackendSpec external) {
    String secret = external.getSecret();
    List<EnvVar> env = new ArrayList<>(List.of(fromSecret(HOST_ENV, secret, HOST_KEY),
        fromSecret(USER_ENV, secret, USER_KEY), fromSecret(PASSWORD_ENV, secret, PASSWORD_KEY)));
    boolean btcd = external.getImplementation() == Implementation.BTCD;
    if (!btcd) {
      env.add(fromSecret(ZMQ_BLOCK_ENV, secret, ZMQ_BLOCK_KEY));
      env.add(fromSecret(ZMQ_TX_ENV, secret, ZMQ_TX_KEY));
    }
    return new ChainBackend(external.getImplementation(), external.getChain(), env, btcd ? secret : null,
        btcd ? CA_KEY : null, null);
  }

  /** The keys an external backend's Secret must have. */
  public static List<String> requiredKeys(Implementation implementation) {
    return implementation == Implementation.BTCD ? List.of(HOST_KEY, USER_KEY, PASSWORD_KEY, CA_KEY)
        : List.of(HOST_KEY, USER_KEY, PASSWORD_KEY, ZMQ_BLOCK_KEY, ZMQ_TX_KEY);
  }

  private static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
        .withKey(key).endSecretKeyRef().endValueFrom().build();
  }
}
