package io.blockyard.rpc.lnd;

/** How a request to connect to a peer ended. */
public enum ConnectOutcome {
  /** A new connection was made. */
  CONNECTED,
  /** lnd was connected to that peer already ("already connected to peer"), which is fine. */
  ALREADY_CONNECTED
}
