package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.SecretValues;
import io.blockyard.rpc.TlsTrust;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the operator needs to talk to one lnd: its certificate (from the TLS Secret), the wallet password and, once
 * the wallet exists, the admin macaroon (both from the wallet Secret). Never printed.
 */
public final class LndAccess {
  private final String tlsCertPem;
  private final Secret walletSecret;

  private LndAccess(String tlsCertPem, Secret walletSecret) {
    this.tlsCertPem = tlsCertPem;
    this.walletSecret = walletSecret;
  }

  /** Empty until both Secrets exist. */
  public static Optional<LndAccess> read(KubernetesClient client, LightningNode node) {
    String namespace = node.getMetadata().getNamespace();
    Secret tls = client.secrets().inNamespace(namespace).withName(LightningNames.of(node).tlsSecret()).get();
    Secret wallet = client.secrets().inNamespace(namespace).withName(WalletSecrets.walletSecretName(node)).get();
    String cert = SecretValues.text(tls, LndTlsSecret.CERT_KEY);
    if (cert == null || SecretValues.text(wallet, WalletSecrets.PASSWORD_KEY) == null) {
      return Optional.empty();
    }
    return Optional.of(new LndAccess(cert, wallet));
  }

  /** lnd's REST server at the pod's IP; the certificate names the Service, not the IP, so it is pinned instead. */
  public LndEndpoint endpoint(String podIp) {
    return LndEndpoint.of(podIp, LndProgram.REST_PORT, tlsCertPem).withTls(TlsTrust.pinnedIgnoringHostname(tlsCertPem));
  }

  /** The endpoint with the admin macaroon, once the wallet exists. */
  public Optional<LndEndpoint> adminEndpoint(String podIp) {
    return adminMacaroonHex().map(m -> endpoint(podIp).withMacaroon(m));
  }

  /** The node's lnd with the admin macaroon, once its pod is ready and its wallet exists. */
  public static Optional<LndNode> connect(KubernetesClient client, LightningNode node) {
    LightningNames names = LightningNames.of(node);
    Pod pod = client.pods().inNamespace(names.namespace()).withName(names.pod()).get();
    if (pod == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null
        || pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    String ip = pod.getStatus().getPodIP();
    return read(client, node).flatMap(a -> a.adminEndpoint(ip)).map(LndNode::new);
  }

  public String tlsCertPem() {
    return tlsCertPem;
  }

  public byte[] walletPassword() {
    return SecretValues.text(walletSecret, WalletSecrets.PASSWORD_KEY).getBytes(StandardCharsets.UTF_8);
  }

  public Optional<String> adminMacaroonHex() {
    return Optional.ofNullable(SecretValues.text(walletSecret, WalletSecrets.ADMIN_MACAROON_KEY));
  }

  @Override
  public String toString() {
    return "LndAccess[credentials hidden]";
  }
}
