package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.SecretValues;
import io.blockyard.rpc.RpcEndpoint;
import io.blockyard.rpc.TlsTrust;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** What the operator needs to call a network's nodes: credentials and, for TLS, the CA it trusts. */
public record RpcAccess(String user, String password, String caPem) {
  /** Empty while the credentials (or the TLS Secret) do not exist yet. */
  public static Optional<RpcAccess> read(KubernetesClient client, BitcoinNetwork network) {
    String ns = network.getMetadata().getNamespace();
    Secret credentials = client.secrets().inNamespace(ns).withName(CredentialsSecret.nameFor(network)).get();
    if (credentials == null) {
      return Optional.empty();
    }
    String ca = null;
    String tlsSecret = RpcTlsSecret.nameFor(network);
    if (tlsSecret != null) {
      Secret tls = client.secrets().inNamespace(ns).withName(tlsSecret).get();
      if (tls == null) {
        return Optional.empty();
      }
      ca = SecretValues.text(tls, "ca.crt") != null ? SecretValues.text(tls, "ca.crt") : SecretValues.text(tls, "tls.crt");
    }
    String user = SecretValues.text(credentials, CredentialsSecret.USER_KEY);
    String password = SecretValues.text(credentials, CredentialsSecret.PASSWORD_KEY);
    return user == null || password == null ? Optional.empty() : Optional.of(new RpcAccess(user, password, ca));
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
