package io.blockyard.rpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what the JDK's HTTP client throws into the typed exceptions of this package, for any HTTP service. */
public final class TransportFailures {
  private TransportFailures() {}

  /**
   * @param service how messages name the service, e.g. {@link RpcException#BITCOIN_NODE_RPC} or "lnd REST"
   * @param at the endpoint as shown in messages
   * @param what the call that failed
   */
  public static RpcException classify(Throwable cause, String service, String at, String what,
      RpcTimeouts timeouts) {
    if (cause instanceof RpcException typed) {
      return typed;
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new RpcTimeoutException(service, at, what, RpcTimeoutException.Phase.CONNECT, timeouts.connect(), cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new RpcTimeoutException(service, at, what, RpcTimeoutException.Phase.RESPONSE, timeouts.request(),
          cause);
    }
    SSLException tls = find(cause, SSLException.class);
    if (tls != null) {
      return new TlsHandshakeException(service, at, what, reason(tls), cause);
    }
    if (find(cause, ConnectException.class) != null) {
      return new ConnectionFailedException(service, at, what, reason(cause), cause);
    }
    if (cause instanceof IOException) {
      return new TransportException(service, at, what, reason(cause), cause);
    }
    return new TransportException(service, at, what, "unexpected " + cause, cause);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The most specific message in the cause chain; JDK 17 reports a refused connection without one. */
  public static String reason(Throwable failure) {
    String reason = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    if (reason == null) {
      return find(failure, ConnectException.class) != null ? "connection refused"
          : failure.getClass().getSimpleName();
    }
    return reason.toLowerCase(Locale.ROOT).contains("connection refused") ? "connection refused" : reason;
  }
}
