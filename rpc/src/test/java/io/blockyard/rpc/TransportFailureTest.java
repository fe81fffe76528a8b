package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failures before any node answers: nothing listening, and a server that never replies. */
class TransportFailureTest {

  @Test
  void nothingListeningIsAConnectionFailure() {
    int port = FreePort.next();
    RpcEndpoint endpoint = RpcEndpoint.http("127.0.0.1", port).withCredentials("u", "secret-pw");

    assertThatThrownBy(() -> new JsonRpcClient(endpoint).call("getblockcount"))
        .isInstanceOf(ConnectionFailedException.class)
        .hasMessageContaining("http://127.0.0.1:" + port + "/")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("getblockcount")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-pw"));
  }

  @Test
  void silentServerTimesOutWithinTheRequestTimeout() throws Exception {
    // The kernel completes the handshake into the backlog; nobody ever reads or answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RpcEndpoint endpoint = RpcEndpoint.http("127.0.0.1", silent.getLocalPort())
          .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800));
      long start = System.nanoTime();

      assertThatThrownBy(() -> new BitcoinCoreDialect(new JsonRpcClient(endpoint)).observe())
          .isInstanceOfSatisfying(RpcTimeoutException.class, e -> {
            assertThat(e.phase()).isEqualTo(RpcTimeoutException.Phase.RESPONSE);
            assertThat(e.limit()).isEqualTo(Duration.ofMillis(800));
            assertThat(e.getMessage()).contains("800 ms", endpoint.display());
          });
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofMillis(2500));
    }
  }
}
