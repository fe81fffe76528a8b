package io.blockyard.rpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One JSON-RPC method call: a method name and positional parameters (anything Jackson can
 * write).
 */
public record RpcCall(String method, List<Object> params) {

  public RpcCall {
    Objects.requireNonNull(method, "method");
    // Copied without List.copyOf because a JSON null is a legal parameter.
    params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
  }

  /** A call of {@code method} with these positional parameters. */
  public static RpcCall of(String method, Object... params) {
    return new RpcCall(method, Arrays.asList(params));
  }
}
