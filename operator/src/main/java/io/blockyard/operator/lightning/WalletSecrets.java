package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.operator.SecretValues;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.lnd.LndMacaroons;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two Secrets that hold the keys to a node's funds: the seed mnemonic and the wallet password (with the admin
 * macaroon the operator uses). Neither has an owner reference, so deleting the LightningNode never deletes them.
 */
public final class WalletSecrets {
  public static final String MNEMONIC_KEY = "mnemonic";
  public static final String PASSPHRASE_KEY = "passphrase";
  public static final String PASSWORD_KEY = "password";
  public static final String ADMIN_MACAROON_KEY = "admin.macaroon";
  /** The root key (hex) the wallet was created with, from which its admin macaroon can be made again. */
  public static final String MACAROON_ROOT_KEY_KEY = "macaroon-root-key";
  /** Marks the Secrets so that `kubectl get secret -l` finds what a deleted node left behind. */
  public static final String KEEP_LABEL = "blockyard.io/keep";

  private WalletSecrets() {}

  public static String seedSecretName(LightningNode node) {
    var wallet = node.getSpec().getWallet();
    return wallet != null && wallet.getSeedSecret() != null ? wallet.getSeedSecret()
        : LightningNames.of(node).defaultSeedSecret();
  }

  public static String walletSecretName(LightningNode node) {
    var wallet = node.getSpec().getWallet();
    return wallet != null && wallet.getPasswordSecret() != null ? wallet.getPasswordSecret()
        : LightningNames.of(node).defaultWalletSecret();
  }

  /** The macaroon root key in a wallet Secret, when it holds a well-formed one: hex, never to be printed. */
  static Optional<String> macaroonRootKeyHex(Secret wallet) {
    String hex = SecretValues.text(wallet, MACAROON_ROOT_KEY_KEY);
    return hex == null || !hex.matches("[0-9a-f]{" + 2 * LndMacaroons.ROOT_KEY_BYTES + "}") ? Optional.empty()
        : Optional.of(hex);
  }

  /** A new wallet password: 32 random bytes, base64url. */
  public static Secret newWalletSecret(LightningNode node, SecureRandom random) {
    byte[] password = new byte[32];
    random.nextBytes(password);
    return unowned(node, walletSecretName(node), "wallet password of LightningNode",
        Map.of(PASSWORD_KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(password)));
  }

  /**
   * On a Secret with a seed of a chain with real coins. The operator never removes it: a `kubectl delete` leaves the
   * Secret Terminating until a person who has the funds safe elsewhere removes the finalizer (docs/security.md).
   */
  public static final String KEEP_SEED_FINALIZER = "blockyard.io/keep-seed";

  /**
   * The seed lnd generated, written before the wallet is created from it, so that it can never be lost; on signet,
   * testnet and mainnet it carries {@link #KEEP_SEED_FINALIZER}.
   */
  public static Secret seedSecret(LightningNode node, List<String> mnemonic, String chain) {
    Secret seed = unowned(node, seedSecretName(node), "seed of LightningNode", Map.of(MNEMONIC_KEY, String.join(" ",
        mnemonic)));
    if (!"regtest".equals(chain) && !"simnet".equals(chain)) {
      seed.getMetadata().setFinalizers(List.of(KEEP_SEED_FINALIZER));
    }
    return seed;
  }

  private static Secret unowned(LightningNode node, String name, String what, Map<String, String> data) {
    LightningNames names = LightningNames.of(node);
    Map<String, String> labels = new HashMap<>(names.labels());
    labels.put(KEEP_LABEL, "true");
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(names.namespace()).withLabels(labels)
        .withAnnotations(Map.of("blockyard.io/description", what + " " + names.node()
            + "; not deleted with it: delete this Secret yourself once the funds are safe elsewhere"))
        .endMetadata().withType("Opaque").withData(SecretValues.data(data)).build();
  }
}
