package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** btcd's websocket block notifications, against a real btcd on regtest over TLS, through shared HTTP clients. */
class BtcdBlockNotificationsTest {
  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();
  static TestBtcd btcd;
  static SharedHttpClients http;

  @BeforeAll
  static void start() throws Exception {
    btcd = NODES.btcd("btcd-notify");
    http = new SharedHttpClients(2);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void everyMinedBlockIsAnnouncedAndCloseEndsTheSubscription() throws Exception {
    AtomicInteger blocks = new AtomicInteger();
    BtcdBlockNotifications notifications = BtcdBlockNotifications.open(btcd.endpoint(), http,
        blocks::incrementAndGet).get(10, TimeUnit.SECONDS);
    assertThat(notifications.isOpen()).isTrue();
    // The subscription is sent right after the handshake; give btcd a moment to register it before mining.
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(notifications::isOpen);

    btcd.node().mine(3, "ignored-by-btcd");

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(blocks.get()).isEqualTo(3));
    notifications.close();
    assertThat(notifications.isOpen()).isFalse();
    btcd.node().mine(1, "ignored-by-btcd");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .untilAsserted(() -> assertThat(blocks.get()).isEqualTo(3));
  }

  @Test
  void aWrongPasswordIsRefused() {
    RpcEndpoint wrong = btcd.endpoint().withCredentials(btcd.user(), "not-the-password");

    assertThatThrownBy(() -> BtcdBlockNotifications.open(wrong, http, () -> { }).get(10, TimeUnit.SECONDS))
        .hasMessageContaining("401");
  }
}
