package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Events;
import io.blockyard.operator.SecretValues;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndMacaroons;
import io.blockyard.rpc.lnd.WalletUnlocker;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Brings an lnd's wallet to unlocked: creates it from a seed (restoring from the seed Secret when one exists,
 * otherwise from a fresh seed that is written to the seed Secret <em>before</em> the wallet is made from it, so
 * that it can never be lost), keeps the admin macaroon lnd hands back, and unlocks a locked wallet. The wallet is
 * created with a macaroon root key of the operator's, written to the wallet Secret <em>before</em> initwallet, so
 * that an admin macaroon lost between initwallet and storing it (an operator stopped in between) is made again.
 */
public final class LndWallet {
  /** How many addresses lnd scans for funds when it restores a wallet from a seed. */
  static final int RECOVERY_WINDOW = 2500;

  private final KubernetesClient client;
  private final Events events;
  /** The node's chain (regtest, ..., mainnet): seeds off test chains are kept by a finalizer. */
  private final String chain;

  public LndWallet(KubernetesClient client, String chain) {
    this.client = client;
    this.events = new Events(client);
    this.chain = chain;
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

  /**
   * Creates the wallet lnd reported missing (from the seed Secret, or a fresh seed written there first).
   *
   * @return what showed the wallet is someone else's, when lnd refused because one was created meanwhile
   */
  public Optional<WalletCustody.Sign> initWallet(LightningNode node, WalletUnlocker unlocker, LndAccess access,
      SecureRandom random) {
    byte[] password = access.walletPassword();
    try {
      createFromSeed(node, unlocker, password, random);
      return Optional.empty();
    } catch (LndErrorException e) {
      // Someone else's initwallet came first: the seed Secret (if written just now) stays, and is not this wallet's.
      if (WalletCustody.createdFirst(e)) {
        return Optional.of(WalletCustody.Sign.CREATED_FIRST);
      }
      throw e;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /**
   * Unlocks the wallet lnd reported locked.
   *
   * @return what showed the wallet is someone else's, when it does not open with the stored password
   */
  public Optional<WalletCustody.Sign> unlockWallet(WalletUnlocker unlocker, LndAccess access) {
    byte[] password = access.walletPassword();
    try {
      unlocker.unlockWallet(password);
      return Optional.empty();
    } catch (LndErrorException e) {
      if (WalletCustody.passwordRefused(e)) {
        return Optional.of(WalletCustody.Sign.PASSWORD_REFUSED);
      }
      throw e;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private void createFromSeed(LightningNode node, WalletUnlocker unlocker, byte[] password, SecureRandom random) {
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
      client.secrets().inNamespace(namespace).resource(WalletSecrets.seedSecret(node, mnemonic, chain)).create();
    }
    byte[] rootKey = ensureMacaroonRootKey(node, random);
    String macaroon = unlocker.initWallet(password, mnemonic, restore ? RECOVERY_WINDOW : 0, rootKey)
        .orElseThrow(() -> new IllegalStateException("lnd created the wallet but sent no admin macaroon; "
            + "macaroons must stay enabled (remove --no-macaroons from spec.extraArgs)"));
    addToWalletSecret(node, WalletSecrets.ADMIN_MACAROON_KEY, macaroon);
    if (restore) {
      events.normal(node, "WalletRestored", "restored the wallet from the seed in Secret " + seedName);
    } else {
      events.normal(node, "WalletCreated", "created the wallet; its seed is in Secret " + seedName
          + ", which is kept when the LightningNode is deleted");
    }
  }

  /**
   * The root key the wallet is (to be) created with: the one in the wallet Secret, or a new one written there first,
   * so that whatever happens after initwallet the key is known.
   */
  private byte[] ensureMacaroonRootKey(LightningNode node, SecureRandom random) {
    Optional<byte[]> known = macaroonRootKey(node);
    if (known.isPresent()) {
      return known.get();
    }
    byte[] key = LndMacaroons.newRootKey(random);
    addToWalletSecret(node, WalletSecrets.MACAROON_ROOT_KEY_KEY, HexFormat.of().formatHex(key));
    return key;
  }

  private Optional<byte[]> macaroonRootKey(LightningNode node) {
    Secret wallet = client.secrets().inNamespace(node.getMetadata().getNamespace())
        .withName(WalletSecrets.walletSecretName(node)).get();
    return WalletSecrets.macaroonRootKeyHex(wallet).map(HexFormat.of()::parseHex);
  }

  /**
   * For a wallet whose admin macaroon never reached the wallet Secret: makes it again from the root key the wallet was
   * created with. Returns false when the wallet Secret has no root key (a wallet made before the operator kept one).
   */
  public boolean remintAdminMacaroon(LightningNode node, SecureRandom random) {
    Optional<byte[]> rootKey = macaroonRootKey(node);
    if (rootKey.isEmpty()) {
      return false;
    }
    addToWalletSecret(node, WalletSecrets.ADMIN_MACAROON_KEY, LndMacaroons.admin(rootKey.get(), random));
    Arrays.fill(rootKey.get(), (byte) 0);
    events.normal(node, "MacaroonRestored", "the admin macaroon was missing from Secret "
        + WalletSecrets.walletSecretName(node) + "; made it again from the wallet's macaroon root key");
    return true;
  }

  private void addToWalletSecret(LightningNode node, String key, String value) {
    client.secrets().inNamespace(node.getMetadata().getNamespace()).withName(WalletSecrets.walletSecretName(node))
        .edit(s -> {
          if (s.getStringData() == null) {
            s.setStringData(new HashMap<>());
          }
          s.getStringData().put(key, value);
          return s;
        });
  }
}
