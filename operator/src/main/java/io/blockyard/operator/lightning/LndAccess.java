package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.SecretValues;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.rpc.TlsTrust;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

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

  /** Empty until both Secrets exist; they come from the Secret caches (see {@link WatchedSecrets}). */
  public static Optional<LndAccess> read(Context<LightningNode> context, LightningNode node) {
    return read(node, name -> WatchedSecrets.find(context, node.getMetadata().getNamespace(), name));
  }

  /** @param secrets a Secret of the node's namespace by name */
  public static Optional<LndAccess> read(LightningNode node, Function<String, Optional<Secret>> secrets) {
    Secret tls = secrets.apply(LightningNames.of(node).tlsSecret()).orElse(null);
    Secret wallet = secrets.apply(WalletSecrets.walletSecretName(node)).orElse(null);
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

  public String tlsCertPem() {
    return tlsCertPem;
  }

  public byte[] walletPassword() {
    return SecretValues.text(walletSecret, WalletSecrets.PASSWORD_KEY).getBytes(StandardCharsets.UTF_8);
  }

  public Optional<String> adminMacaroonHex() {
    return Optional.ofNullable(SecretValues.text(walletSecret, WalletSecrets.ADMIN_MACAROON_KEY));
  }

  /** Whether the wallet Secret holds the root key the operator creates a wallet with (its admin macaroon's source). */
  public boolean macaroonRootKeyKept() {
    return WalletSecrets.macaroonRootKeyHex(walletSecret).isPresent();
  }

  @Override
  public String toString() {
    return "LndAccess[credentials hidden]";
  }
}
