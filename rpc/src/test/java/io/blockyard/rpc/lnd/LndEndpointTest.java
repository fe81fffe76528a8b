package io.blockyard.rpc.lnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The lnd endpoint and channel point values, without an lnd. */
class LndEndpointTest {

  /** Self-signed "CN=blockyard unit-test CA"; its key was thrown away. */
  private static final String SOME_CERT = ""
      + "-----BEGIN CERTIFICATE-----\n"
      + "MIIBmjCCAT+gAwIBAgIUOLbMpC6CxO0XMaMjWZvAoSqdorAwCgYIKoZIzj0EAwIw\n"
      + "ITEfMB0GA1UEAwwWYmxvY2t5YXJkIHVuaXQtdGVzdCBDQTAgFw0yNjExMjEwNTI0\n"
      + "NDlaGA8yMTI2MTAyODA1MjQ0OVowITEfMB0GA1UEAwwWYmxvY2t5YXJkIHVuaXQt\n"
      + "dGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDtxYH5l2a3m6BEsabvj\n"
      + "0i+lPkqYMmkrff3ohaJxHA3r8P6H5gjvwMA/am+hZEyyYUAqv4wYCgyxvdRzYv68\n"
      + "a9mjUzBRMB0GA1UdDgQWBBTkTPIVj6mHBw8jxSaa0E/1snTGIzAfBgNVHSMEGDAW\n"
      + "gBTkTPIVj6mHBw8jxSaa0E/1snTGIzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49\n"
      + "BAMCA0kAMEYCIQCDtsch5F8YZ8Uq/6GgQv2mXRbrgDxLdXXe54BI5YmF4AIhAPlo\n"
      + "k/7vjsI+1vRR1joclDOMjHH8lyCEb4pZ03WH19QQ\n"
      + "-----END CERTIFICATE-----\n";

  @Test
  void macaroonNeverShowsAndMustBeHex() {
    LndEndpoint endpoint = LndEndpoint.of("127.0.0.1", 8080, SOME_CERT).withMacaroon("0201036c6e64");

    assertThat(endpoint.display()).isEqualTo("https://127.0.0.1:8080/");
    assertThat(endpoint.toString()).doesNotContain("0201036c6e64").contains("(set)");
    assertThat(endpoint.timeouts()).isEqualTo(LndEndpoint.DEFAULT_TIMEOUTS);
    assertThatThrownBy(() -> endpoint.withMacaroon("not hex secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not hex secret"));
  }

  @Test
  void onlyHttpsWithoutUserInfo() {
    LndEndpoint good = LndEndpoint.of("localhost", 8080, SOME_CERT);

    assertThatThrownBy(() -> new LndEndpoint(URI.create("http://localhost:8080/"), good.tls(), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LndEndpoint(URI.create("https://u:p@localhost:8080/"), good.tls(), null, null))
        .isInstanceOf(IllegalArgumentException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("u:p"));
  }

  @Test
  void channelPointReadsAndPrintsTxidColonIndex() {
    String txid = "0a".repeat(32);

    assertThat(ChannelPoint.parse(txid + ":1")).isEqualTo(new ChannelPoint(txid, 1));
    assertThat(ChannelPoint.parse(txid.toUpperCase() + ":1").toString()).isEqualTo(txid + ":1");
    assertThatThrownBy(() -> ChannelPoint.parse(txid)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelPoint.parse("abc:1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelPoint.parse(txid + ":x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void walletStatesThatServeRpc() {
    assertThat(WalletState.RPC_ACTIVE.rpcReady()).isTrue();
    assertThat(WalletState.SERVER_ACTIVE.rpcReady()).isTrue();
    assertThat(WalletState.LOCKED.rpcReady()).isFalse();
    assertThat(WalletState.NON_EXISTING.rpcReady()).isFalse();
  }
}
