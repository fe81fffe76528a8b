package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.SecretValues;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.TlsTrust;
import io.fabric8.kubernetes.api.model.Secret;
import io.blockyard.operator.WatchedSecrets;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.Optional;

/** What the operator needs to call a network's nodes: credentials and, for TLS, the CA it trusts. */
public record RpcAccess(String user, String password, String caPem) {
  /**
   * Read once per pass from the Secret caches: the connection Secret's desired state and the reconciler both need it.
   * Empty while the credentials (or the TLS Secret) do not exist yet.
   */
  public static Optional<RpcAccess> of(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    @SuppressWarnings("unchecked")
    Optional<Optional<RpcAccess>> known = shared.get(RpcAccess.class, Optional.class).map(o -> (Optional<RpcAccess>) o);
    return known.orElseGet(() -> {
      Optional<RpcAccess> access = read(network,
          name -> WatchedSecrets.find(context, network.getMetadata().getNamespace(), name));
      shared.put(RpcAccess.class, access);
      return access;
    });
  }

  /** @param secrets a Secret of the network's namespace by name */
  static Optional<RpcAccess> read(BitcoinNetwork network, Function<String, Optional<Secret>> secrets) {
    Secret credentials = secrets.apply(CredentialsSecret.nameFor(network)).orElse(null);
    if (credentials == null) {
      return Optional.empty();
    }
    String ca = null;
    String tlsSecret = RpcTlsSecret.nameFor(network);
    if (tlsSecret != null) {
      Secret tls = secrets.apply(tlsSecret).orElse(null);
      if (tls == null) {
        return Optional.empty();
      }
      ca = SecretValues.text(tls, "ca.crt") != null ? SecretValues.text(tls, "ca.crt") : SecretValues.text(tls, "tls.crt");
    }
    String user = SecretValues.text(credentials, CredentialsSecret.USER_KEY);
    String password = SecretValues.text(credentials, CredentialsSecret.PASSWORD_KEY);
    return user == null || password == null ? Optional.empty() : Optional.of(new RpcAccess(user, password, ca));
  }

  /**
   * What keeps {@link #of} empty, by Secret and key name, e.g. {@code Secret "my-rpc" has no key "password"}.
   */
  public static String whatIsMissing(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    return whatIsMissing(network, name -> WatchedSecrets.find(context, network.getMetadata().getNamespace(), name));
  }

  static String whatIsMissing(BitcoinNetwork network, Function<String, Optional<Secret>> secrets) {
    String name = CredentialsSecret.nameFor(network);
    Secret credentials = secrets.apply(name).orElse(null);
    if (credentials == null) {
      return "the RPC credentials Secret \"" + name + "\" does not exist";
    }
    for (String key : java.util.List.of(CredentialsSecret.USER_KEY, CredentialsSecret.PASSWORD_KEY)) {
      if (SecretValues.text(credentials, key) == null) {
        return "the RPC credentials Secret \"" + name + "\" has no key \"" + key + "\" (it needs \""
            + CredentialsSecret.USER_KEY + "\" and \"" + CredentialsSecret.PASSWORD_KEY + "\")";
      }
    }
    String tlsSecret = RpcTlsSecret.nameFor(network);
    if (tlsSecret != null && secrets.apply(tlsSecret).isEmpty()) {
      return "the RPC TLS Secret \"" + tlsSecret + "\" does not exist";
    }
    return "the RPC Secrets are not readable yet";
  }

  /** The user's Secrets the network names (watched through {@link WatchedSecrets#REFERENCED}). */
  public static Set<String> referencedSecrets(BitcoinNetwork network) {
    Set<String> names = new HashSet<>();
    if (network.getSpec().getRpc() != null) {
      if (network.getSpec().getRpc().getCredentialsSecret() != null) {
        names.add(network.getSpec().getRpc().getCredentialsSecret());
      }
      if (network.getSpec().getRpc().getTlsSecret() != null) {
        names.add(network.getSpec().getRpc().getTlsSecret());
      }
    }
    return names;
  }

  /** A node is reached by pod IP: the certificate names the Services, so the CA is pinned and the name not checked. */
  public RpcEndpoint endpoint(String podIp, int port) {
    RpcEndpoint endpoint = caPem == null ? RpcEndpoint.http(podIp, port)
        : RpcEndpoint.https(podIp, port, TlsTrust.pinnedIgnoringHostname(caPem));
    return endpoint.withCredentials(user, password);
  }

  @Override
  public String toString() {
    return "RpcAccess[user=" + user + ", password=***, tls=" + (caPem != null) + "]";
  }
}
