package io.blockyard.rpc.lnd;

/** lnd's {@code GET /v1/state} answers, in the order lnd moves through them. */
public enum WalletState {
  /** No wallet yet: call genseed and initwallet. */
  NON_EXISTING,
  /** A wallet exists and waits for its password (unlockwallet). */
  LOCKED,
  /** The wallet is unlocked; the RPC server is starting. */
  UNLOCKED,
  /** The Lightning RPC server is up, the rest of lnd still starting. */
  RPC_ACTIVE,
  /** Everything is up: every call works. */
  SERVER_ACTIVE,
  /** lnd waits to start (e.g. for a leader election in a cluster). */
  WAITING_TO_START;

  /** Whether the Lightning calls (getinfo, ...) are served. */
  public boolean rpcReady() {
    return this == RPC_ACTIVE || this == SERVER_ACTIVE;
  }
}
