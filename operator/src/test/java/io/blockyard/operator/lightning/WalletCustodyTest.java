package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.rpc.lnd.LndErrorException;
import org.junit.jupiter.api.Test;

/** lnd's answers that give away a wallet someone else made, and what the condition then says. */
class WalletCustodyTest {
  static LndErrorException lnd(String call, String message) {
    return new LndErrorException("https://10.213.0.5:8080", call, 500, LndErrorException.UNKNOWN, message);
  }

  @Test
  void aWalletCreatedBeforeTheOperatorsInitwalletIsTold() {
    assertThat(WalletCustody.createdFirst(lnd("POST /v1/initwallet", "wallet already exists"))).isTrue();
    assertThat(WalletCustody.createdFirst(lnd("GET /v1/genseed",
        "wallet already unlocked, WalletUnlocker service is no longer available"))).isTrue();
    assertThat(WalletCustody.createdFirst(lnd("POST /v1/initwallet", "unable to generate seed: EOF"))).isFalse();
  }

  @Test
  void aRefusedPasswordAndARefusedMacaroonAreTold() {
    assertThat(WalletCustody.passwordRefused(lnd("POST /v1/unlockwallet",
        "invalid passphrase for master public key"))).isTrue();
    assertThat(WalletCustody.passwordRefused(lnd("POST /v1/unlockwallet", "wallet not found"))).isFalse();
    assertThat(WalletCustody.macaroonRefused(lnd("GET /v1/getinfo",
        "verification failed: signature mismatch after caveat verification"))).isTrue();
    assertThat(WalletCustody.macaroonRefused(lnd("GET /v1/getinfo", "server is still in the process of starting")))
        .isFalse();
  }

  @Test
  void theMessageNamesThePodTheSecretsAndThePolicyAndPromisesNothingIsOverwritten() {
    String message = WalletCustody.message(LndBuildersTest.alice(), WalletCustody.Sign.CREATED_FIRST);

    assertThat(message).contains("alice-lnd-0").contains("alice-lnd-seed").contains("NetworkPolicy alice-lnd")
        .contains("8080").contains("no seed, password or macaroon is overwritten");
    assertThat(WalletCustody.message(LndBuildersTest.alice(), WalletCustody.Sign.PASSWORD_REFUSED))
        .contains("does not open with the password in Secret alice-lnd-wallet");
  }
}
