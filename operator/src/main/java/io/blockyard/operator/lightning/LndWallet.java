package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Events;
import io.blockyard.operator.SecretValues;
import io.blockyard.rpc.lnd.WalletState;
import io.blockyard.rpc.lnd.WalletUnlocker;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings an lnd's wallet to unlocked: creates it from a seed (restoring from the seed Secret when one exists,
 * otherwise from a fresh seed that is written to the seed Secret <em>before</em> the wallet is made from it, so
 * that it can never be lost), keeps the admin macaroon lnd hands back, and unlocks a locked wallet.
 */
public final class LndWallet {
  /** How many addresses lnd scans for funds when it restores a wallet from a seed. */
  static final int RECOVERY_WINDOW = 2500;

  private final KubernetesClient client;
  private final Events events;

  public LndWallet(KubernetesClient client) {
    this.client = client;
    this.events = new Events(client);
  }

  /**
   * Creates the wallet password Secret, which the caller found missing; an existing one is never replaced.
   *
   * @return the new Secret, or null when one appeared meanwhile
   */
  public Secret createPasswordSecret(LightningNode node, java.security.SecureRandom random) {
    try {
      return client.secrets().inNamespace(node.getMetadata().getNamespace())
          .resource(WalletSecrets.newWalletSecret(node, random)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return null;
    }
  }

  /** One step towards an unlocked wallet; returns the state lnd reported before the step. */
  public WalletState step(LightningNode node, WalletUnlocker unlocker, LndAccess access) {
    WalletState state = unlocker.state();
    byte[] password = access.walletPassword();
    try {
      switch (state) {
        case NON_EXISTING -> create(node, unlocker, password);
        case LOCKED -> unlocker.unlockWallet(password);
        default -> { }
      }
    } finally {
      Arrays.fill(password, (byte) 0);
    }
    return state;
  }

  private void create(LightningNode node, WalletUnlocker unlocker, byte[] password) {
    String namespace = node.getMetadata().getNamespace();
    String seedName = WalletSecrets.seedSecretName(node);
    Secret seed = client.secrets().inNamespace(namespace).withName(seedName).get();
    List<String> mnemonic;
    boolean restore = seed != null;
    if (restore) {
      String words = SecretValues.text(seed, WalletSecrets.MNEMONIC_KEY);
      if (words == null || words.isBlank()) {
        throw new IllegalStateException("Secret " + seedName + " has no \"" + WalletSecrets.MNEMONIC_KEY
            + "\" key: put the 24 words of an aezeed mnemonic there, separated by spaces, or delete the Secret to "
            + "have a new seed generated");
      }
      mnemonic = List.of(words.trim().split("\\s+"));
    } else {
      mnemonic = unlocker.genSeed();
      // Written first: if anything below fails, the next pass restores from it instead of losing it.
      client.secrets().inNamespace(namespace).resource(WalletSecrets.seedSecret(node, mnemonic)).create();
    }
    String macaroon = unlocker.initWallet(password, mnemonic, restore ? RECOVERY_WINDOW : 0)
        .orElseThrow(() -> new IllegalStateException("lnd created the wallet but sent no admin macaroon; "
            + "macaroons must stay enabled (remove --no-macaroons from spec.extraArgs)"));
    Map<String, String> add = new HashMap<>();
    add.put(WalletSecrets.ADMIN_MACAROON_KEY, macaroon);
    client.secrets().inNamespace(namespace).withName(WalletSecrets.walletSecretName(node))
        .edit(s -> {
          if (s.getStringData() == null) {
            s.setStringData(new HashMap<>());
          }
          s.getStringData().putAll(add);
          return s;
        });
    if (restore) {
      events.normal(node, "WalletRestored", "restored the wallet from the seed in Secret " + seedName);
    } else {
      events.normal(node, "WalletCreated", "created the wallet; its seed is in Secret " + seedName
          + ", which is kept when the LightningNode is deleted");
    }
  }
}
