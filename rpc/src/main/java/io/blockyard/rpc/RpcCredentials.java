package io.blockyard.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP basic-auth user and password for a node's RPC server.
 *
 * <p>{@link #toString()} hides the password so the record can be logged safely.
 */
public record RpcCredentials(String user, String password) {

  public RpcCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The value of the {@code Authorization} header. */
  String authorizationHeader() {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RpcCredentials[user=" + user + ", password=***]";
  }
}
