package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the nodes' RPC is secured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RpcSpec {
  @JsonPropertyDescription("Secret with keys 'user' and 'password' for the nodes' RPC. Absent: the operator "
      + "generates one (<name>-rpc-credentials) once and never regenerates it.")
  private String credentialsSecret;

  @JsonPropertyDescription("Secret in cert-manager's layout (tls.crt, tls.key, ca.crt) for the RPC server's TLS. "
      + "Absent: for btcd the operator issues one (<name>-rpc-tls) once; bitcoind serves plain HTTP.")
  private String tlsSecret;

  public String getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(String credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }

  public String getTlsSecret() {
    return tlsSecret;
  }

  public void setTlsSecret(String tlsSecret) {
    this.tlsSecret = tlsSecret;
  }
}
