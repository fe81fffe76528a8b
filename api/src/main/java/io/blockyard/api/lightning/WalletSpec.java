package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The Secrets that hold the keys to the node's funds. Neither is owned by the LightningNode, so deleting it never
 * deletes them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WalletSpec {
  @JsonPropertyDescription("Secret with the 24-word aezeed mnemonic under key \"mnemonic\". If it exists when the "
      + "wallet is created, the wallet is restored from it; otherwise the operator generates a seed and writes it "
      + "here. Default: <name>-lnd-seed.")
  private String seedSecret;

  @JsonPropertyDescription("Secret with the wallet password under key \"password\"; created by the operator "
      + "when absent. Default: <name>-lnd-wallet.")
  private String passwordSecret;

  public String getSeedSecret() {
    return seedSecret;
  }

  public void setSeedSecret(String seedSecret) {
    this.seedSecret = seedSecret;
  }

  public String getPasswordSecret() {
    return passwordSecret;
  }

  public void setPasswordSecret(String passwordSecret) {
    this.passwordSecret = passwordSecret;
  }
}
