package io.blockyard.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits applied to every call: how long opening the TCP (and TLS) connection may take,
 * and how long the whole call may take until the answer is read.
 */
public record RpcTimeouts(Duration connect, Duration request) {

  /** 5 s to connect, 10 s per call: generous for a node under load, short for a dead one. */
  public static final RpcTimeouts DEFAULTS =
      new RpcTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  public RpcTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(request, "request");
    if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
      throw new IllegalArgumentException("RPC timeouts must be positive: " + connect + ", "
          + request);
    }
  }
}
