package io.blockyard.operator.bitcoin.dependent;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.operator.bitcoin.ConnectionSecret;
import io.blockyard.operator.bitcoin.CredentialsSecret;
import io.blockyard.operator.bitcoin.RpcTlsSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The application's connection Secret, filled from the credentials Secret and the TLS Secret's CA. */
public class ConnectionSecretDependent extends CRUDKubernetesDependentResource<Secret, BitcoinNetwork> {
  @Override
  protected Secret desired(BitcoinNetwork network, Context<BitcoinNetwork> context) {
    String ns = network.getMetadata().getNamespace();
    Secret credentials = context.getClient().secrets().inNamespace(ns).withName(CredentialsSecret.nameFor(network))
        .get();
    if (credentials == null) {
      throw new MissingSecretException(network, CredentialsSecret.nameFor(network), "RPC credentials");
    }
    String ca = null;
    String tlsSecret = RpcTlsSecret.nameFor(network);
    if (tlsSecret != null) {
      Secret tls = context.getClient().secrets().inNamespace(ns).withName(tlsSecret).get();
      if (tls == null) {
        throw new MissingSecretException(network, tlsSecret, "RPC TLS");
      }
      // Without ca.crt the certificate itself is what clients pin, as the operator does.
      ca = value(tls, "ca.crt") != null ? value(tls, "ca.crt") : value(tls, "tls.crt");
    }
    return ConnectionSecret.desired(network, value(credentials, CredentialsSecret.USER_KEY),
        value(credentials, CredentialsSecret.PASSWORD_KEY), ca);
  }

  static String value(Secret secret, String key) {
    if (secret.getData() == null || secret.getData().get(key) == null) {
      return null;
    }
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
