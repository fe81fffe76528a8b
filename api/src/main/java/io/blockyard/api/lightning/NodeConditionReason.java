package io.blockyard.api.lightning;

/**
 * Reasons on a LightningNode's conditions: WalletReady's (how far the node got: its backend, its pod, its wallet),
 * which Ready repeats while the wallet is not ready, and Synced's and Ready's once it is.
 */
public enum NodeConditionReason {
  // WalletReady=False (and Ready=False): the chain backend.
  /** spec.network names a BitcoinNetwork that does not exist. */
  NETWORK_NOT_FOUND("NetworkNotFound"),
  /** The bound BitcoinNetwork is being deleted. */
  NETWORK_DELETING("NetworkDeleting"),
  /** A network on signet, testnet or mainnet, and no spec.storage. */
  STORAGE_REQUIRED("StorageRequired"),
  /** The Secret of spec.externalBackend does not exist. */
  BACKEND_SECRET_NOT_FOUND("BackendSecretNotFound"),
  /** The Secret of spec.externalBackend lacks keys. */
  BACKEND_SECRET_INCOMPLETE("BackendSecretIncomplete"),

  // WalletReady=False: the pod and the wallet.
  /** lnd's pod is not ready (or has no IP yet). */
  POD_NOT_READY("PodNotReady"),
  /** The TLS or wallet Secret the operator talks to lnd with is missing. */
  SECRETS_MISSING("SecretsMissing"),
  /** lnd has no wallet yet: the operator creates (or restores) it. */
  WALLET_CREATING("WalletCreating"),
  /** lnd's wallet is locked: the operator unlocks it. */
  WALLET_LOCKED("WalletLocked"),
  /** lnd's wallet is unlocked and its RPC server not up yet. */
  WALLET_STARTING("WalletStarting"),
  /** lnd's wallet is not one the operator made: reported, never touched (see the operator's WalletCustody). */
  WALLET_NOT_CREATED_BY_OPERATOR("WalletNotCreatedByOperator"),
  /** A call to lnd did not get an answer, or got an error. */
  LND_UNREACHABLE("LndUnreachable"),
  /** Reading or writing a wallet or connection Secret was refused by the API server. */
  SECRET_WRITE_FAILED("SecretWriteFailed"),
  /** WalletReady=True: the wallet is unlocked and lnd answers. */
  WALLET_UNLOCKED("WalletUnlocked"),

  // Synced, and Ready once the wallet is.
  /** Synced=True: lnd is synced to the chain. */
  SYNCED_TO_CHAIN("SyncedToChain"),
  /** Synced=False, Ready=False: lnd is catching up with the chain. */
  SYNCING("Syncing"),
  /** Synced=Unknown: lnd cannot say before its wallet is unlocked. */
  WALLET_NOT_READY("WalletNotReady"),
  /** Ready=True. */
  WALLET_READY_AND_SYNCED("WalletReadyAndSynced");

  private final String reason;

  NodeConditionReason(String reason) {
    this.reason = reason;
  }

  /** The condition's {@code reason} as it appears in status. */
  public String reason() {
    return reason;
  }
}
