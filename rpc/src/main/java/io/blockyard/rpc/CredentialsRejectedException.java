package io.blockyard.rpc;

/** The node answered HTTP 401: the RPC user name or password is wrong (or missing). */
public final class CredentialsRejectedException extends RpcException {

  public CredentialsRejectedException(String endpoint, String what) {
    super(endpoint,
        "bitcoin node RPC at " + endpoint + " rejected the RPC credentials (HTTP 401) for " + what
            + "; check the RPC user and password",
        null);
  }
}
