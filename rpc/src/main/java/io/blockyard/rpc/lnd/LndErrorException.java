package io.blockyard.rpc.lnd;

import io.blockyard.rpc.RpcException;

/**
 * lnd answered a call with its error object {@code {"code": N, "message": "...", "details": []}}
 * (with an HTTP error status, or inside a stream). Keeps the gRPC status code and lnd's message,
 * so callers can tell harmless answers ("already connected to peer") from real failures.
 */
public final class LndErrorException extends RpcException {

  /** gRPC's UNKNOWN, which lnd uses for most of its own errors (HTTP 500). */
  public static final int UNKNOWN = 2;
  /** gRPC's NOT_FOUND: also what the gateway answers for an unknown REST path (HTTP 404). */
  public static final int NOT_FOUND = 5;

  private final String call;
  private final int grpcCode;
  private final int httpStatus;
  private final String lndMessage;

  public LndErrorException(String endpoint, String call, int httpStatus, int grpcCode, String lndMessage) {
    super(endpoint, "lnd REST at " + endpoint + " answered " + call + " with error " + grpcCode
        + " (HTTP " + httpStatus + "): " + lndMessage, null);
    this.call = call;
    this.grpcCode = grpcCode;
    this.httpStatus = httpStatus;
    this.lndMessage = lndMessage;
  }

  /** The call that failed, e.g. {@code POST /v1/peers}. */
  public String call() {
    return call;
  }

  /** The gRPC status code lnd gave, e.g. 2 (UNKNOWN). */
  public int grpcCode() {
    return grpcCode;
  }

  /** The HTTP status (200 when the error came inside a stream). */
  public int httpStatus() {
    return httpStatus;
  }

  /** lnd's message, verbatim. */
  public String lndMessage() {
    return lndMessage;
  }
}
