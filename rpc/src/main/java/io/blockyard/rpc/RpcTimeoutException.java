package io.blockyard.rpc;

import java.time.Duration;

/** The node did not accept the connection, or did not answer, within the configured time. */
public final class RpcTimeoutException extends RpcException {

  /** Which of the two configured limits ran out. */
  public enum Phase {
    /** Opening the TCP connection took longer than the connect timeout. */
    CONNECT,
    /** The answer took longer than the request timeout. */
    RESPONSE
  }

  private final Phase phase;
  private final Duration limit;

  public RpcTimeoutException(String endpoint, String what, Phase phase, Duration limit,
      Throwable cause) {
    this(BITCOIN_NODE_RPC, endpoint, what, phase, limit, cause);
  }

  /** The same for another service, e.g. {@code "lnd REST"}, named in the message. */
  public RpcTimeoutException(String service, String endpoint, String what, Phase phase,
      Duration limit, Throwable cause) {
    super(endpoint, describe(service, endpoint, what, phase, limit), cause);
    this.phase = phase;
    this.limit = limit;
  }

  private static String describe(String service, String endpoint, String what, Phase phase,
      Duration limit) {
    return phase == Phase.CONNECT
        ? "timed out after " + limit.toMillis() + " ms connecting to " + service + " at "
            + endpoint + " for " + what
        : "timed out after " + limit.toMillis() + " ms waiting for " + service + " at "
            + endpoint + " to answer " + what;
  }

  /** Whether connecting or waiting for the answer timed out. */
  public Phase phase() {
    return phase;
  }

  /** The limit that ran out. */
  public Duration limit() {
    return limit;
  }
}
