package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The operator process's own parts, without a cluster: settings, domain gauges, probes and the scrape. */
class OperatorProcessTest {

  @Test
  void flagsSetNamespacesLeaderElectionLoggingAndTimeouts() {
    OperatorConfig c = OperatorConfig.parse("--watch-namespaces", " team-a, team-b ,", "--leader-election",
        "--identity", "op-1", "--lease-namespace", "blockyard-system", "--log-format", "json", "--log-level",
        "debug", "--bitcoin-rpc-timeout", "2s", "--lnd-rpc-timeout", "1m", "--lease-duration", "10s");
    assertThat(c.watchNamespaces()).containsExactly("team-a", "team-b");
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.identity()).isEqualTo("op-1");
    assertThat(c.leaseNamespace()).contains("blockyard-system");
    assertThat(c.logFormat()).isEqualTo(OperatorConfig.LogFormat.json);
    assertThat(c.bitcoinRpcTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.lndRpcTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.leaseDuration()).isEqualTo(Duration.ofSeconds(10));

    assertThat(OperatorConfig.parse("--default-btcd-image", "mirrored/btcd:v0.26.2").defaultImages())
        .isEqualTo(new DefaultImages("mirrored/btcd:v0.26.2", "bitcoin/bitcoin:28.1",
            "lightninglabs/lnd:v0.20.1-beta"));

    OperatorConfig host = OperatorConfig.onHost();
    assertThat(host.watchNamespaces()).as("every namespace").isEmpty();
    assertThat(host.leaderElection()).isFalse();
    assertThat(host.httpPort()).isZero();
  }

  @Test
  void aBadValueSaysWhatIsWrong() {
    assertThatThrownBy(() -> OperatorConfig.parse("--bitcoin-rpc-timeout", "soon"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'soon' is not a duration");
    assertThatThrownBy(() -> OperatorConfig.parse("--log-format", "xml"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("text, json");
  }

  static BitcoinNetwork network(String namespace, String name, long height) {
    BitcoinNetwork n = new BitcoinNetwork();
    n.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    BitcoinNetworkStatus s = new BitcoinNetworkStatus();
    s.setBlockHeight(height);
    s.setReplicas(2);
    s.setReadyReplicas(1);
    List<NodeStatus> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      NodeStatus node = new NodeStatus();
      node.setPod(name + "-" + i);
      node.setPeers(i + 1);
      nodes.add(node);
    }
    s.setNodes(nodes);
    s.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("True").build(),
        new ConditionBuilder().withType("Synced").withStatus("False").build()));
    n.setStatus(s);
    return n;
  }

  static LightningNode lightningNode() {
    LightningNode n = new LightningNode();
    n.setMetadata(new ObjectMetaBuilder().withNamespace("ln").withName("alice").build());
    LightningNodeStatus s = new LightningNodeStatus();
    s.setOnChainBalanceSat(5_000_000_000L);
    s.setChannelLocalBalanceSat(990_000L);
    s.setActiveChannels(1);
    s.setPendingChannels(0);
    n.setStatus(s);
    return n;
  }

  static LightningChannel channel() {
    LightningChannel c = new LightningChannel();
    c.setMetadata(new ObjectMetaBuilder().withNamespace("ln").withName("alice-bob").build());
    LightningChannelStatus s = new LightningChannelStatus();
    s.setState(ChannelState.OPEN);
    s.setCapacitySat(1_000_000L);
    s.setLocalBalanceSat(990_000L);
    c.setStatus(s);
    return c;
  }

  @Test
  void metricsServeJosdkStyleCountersAndDomainGaugesLabelledByNamespaceAndName() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<BitcoinNetwork> networks = new ArrayList<>(List.of(network("team-a", "regtest", 101)));
    DomainMetrics domain = new DomainMetrics(registry, () -> networks, () -> List.of(lightningNode()),
        () -> List.of(channel()));
    AtomicBoolean ready = new AtomicBoolean();
    try (OperatorHttp http = new OperatorHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> true, ready::get, registry, domain::refresh).start()) {
      HttpClient client = HttpClient.newHttpClient();
      assertThat(get(client, http, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(client, http, "/readyz").statusCode()).as("not ready before the informers synced")
          .isEqualTo(503);
      ready.set(true);
      assertThat(get(client, http, "/readyz").statusCode()).isEqualTo(200);

      HttpResponse<String> metrics = get(client, http, "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/plain"));
      assertThat(metrics.body().lines())
          .contains("blockyard_network_block_height{name=\"regtest\",namespace=\"team-a\"} 101.0")
          .contains("blockyard_network_ready_nodes{name=\"regtest\",namespace=\"team-a\"} 1.0")
          .contains("blockyard_network_node_peers{name=\"regtest\",namespace=\"team-a\",node=\"regtest-1\"} 2.0")
          .contains("blockyard_network_condition{name=\"regtest\",namespace=\"team-a\",type=\"Ready\"} 1.0")
          .contains("blockyard_network_condition{name=\"regtest\",namespace=\"team-a\",type=\"Synced\"} 0.0")
          .contains("blockyard_lightning_node_onchain_balance_sat{name=\"alice\",namespace=\"ln\"} 5.0E9")
          .contains("blockyard_lightning_node_active_channels{name=\"alice\",namespace=\"ln\"} 1.0")
          .contains("blockyard_lightning_channel_capacity_sat{name=\"alice-bob\",namespace=\"ln\"} 1000000.0")
          .contains("blockyard_lightning_channel_local_balance_sat{name=\"alice-bob\",namespace=\"ln\"} 990000.0")
          .contains("blockyard_lightning_channel_state{name=\"alice-bob\",namespace=\"ln\",state=\"Open\"} 1.0")
          .contains("blockyard_lightning_channel_state{name=\"alice-bob\",namespace=\"ln\",state=\"Closing\"} 0.0");

      networks.clear();
      assertThat(get(client, http, "/metrics").body()).as("a deleted network's series go")
          .doesNotContain("namespace=\"team-a\"");
    }
  }

  private static HttpResponse<String> get(HttpClient client, OperatorHttp http, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
