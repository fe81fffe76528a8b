package io.blockyard.operator;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkStatus;
import io.blockyard.api.bitcoin.NodeStatus;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The domain gauges on /metrics, labelled with each resource's namespace and name, taken from the status the
 * reconcilers wrote (read from the operator's caches at scrape time: no API request, no node RPC).
 */
public final class DomainMetrics {
  /** Every gauge, its Prometheus name (Micrometer adds nothing: no unit suffix) and its help text. */
  public enum Gauge {
    NETWORK_BLOCK_HEIGHT("blockyard_network_block_height", "Best block height of the network (status.blockHeight)"),
    NETWORK_REPLICAS("blockyard_network_replicas", "Nodes of the network (status.replicas)"),
    NETWORK_READY_NODES("blockyard_network_ready_nodes", "Nodes whose RPC server answers (status.readyReplicas)"),
    NETWORK_NODE_PEERS("blockyard_network_node_peers", "Peers of one node (status.nodes[].peers), label node"),
    NETWORK_CONDITION("blockyard_network_condition",
        "1 when the network's condition (label type) is True, else 0"),
    LIGHTNING_ONCHAIN_BALANCE("blockyard_lightning_node_onchain_balance_sat",
        "Confirmed on-chain wallet balance (status.onChainBalanceSat)"),
    LIGHTNING_CHANNEL_BALANCE("blockyard_lightning_node_channel_balance_sat",
        "Local balance over all channels (status.channelLocalBalanceSat)"),
    LIGHTNING_ACTIVE_CHANNELS("blockyard_lightning_node_active_channels", "Active channels (status.activeChannels)"),
    LIGHTNING_PENDING_CHANNELS("blockyard_lightning_node_pending_channels",
        "Pending channels (status.pendingChannels)"),
    LIGHTNING_PEERS("blockyard_lightning_node_peers", "Connected peers (status.peers)"),
    LIGHTNING_CONDITION("blockyard_lightning_node_condition",
        "1 when the Lightning node's condition (label type) is True, else 0"),
    CHANNEL_CAPACITY("blockyard_lightning_channel_capacity_sat", "Channel capacity (status.capacitySat)"),
    CHANNEL_LOCAL_BALANCE("blockyard_lightning_channel_local_balance_sat",
        "The opening side's balance (status.localBalanceSat)"),
    CHANNEL_STATE("blockyard_lightning_channel_state", "1 for the channel's state (label state), 0 for the others"),
    CHANNEL_CONDITION("blockyard_lightning_channel_condition",
        "1 when the channel's condition (label type) is True, else 0");

    public final String metric;
    final String help;

    Gauge(String metric, String help) {
      this.metric = metric;
      this.help = help;
    }
  }

  /** One value of one gauge. */
  public record Sample(Gauge gauge, Tags tags, double value) {}

  private final Map<Gauge, MultiGauge> gauges = new EnumMap<>(Gauge.class);
  private final Supplier<Collection<BitcoinNetwork>> networks;
  private final Supplier<Collection<LightningNode>> nodes;
  private final Supplier<Collection<LightningChannel>> channels;

  public DomainMetrics(MeterRegistry registry, Supplier<Collection<BitcoinNetwork>> networks,
      Supplier<Collection<LightningNode>> nodes, Supplier<Collection<LightningChannel>> channels) {
    this.networks = networks;
    this.nodes = nodes;
    this.channels = channels;
    for (Gauge g : Gauge.values()) {
      gauges.put(g, MultiGauge.builder(g.metric).description(g.help).register(registry));
    }
  }

  /** Sets every gauge from the resources now cached; a resource that is gone loses its series. */
  public synchronized void refresh() {
    Map<Gauge, List<MultiGauge.Row<?>>> rows = new EnumMap<>(Gauge.class);
    for (Gauge g : Gauge.values()) {
      rows.put(g, new ArrayList<>());
    }
    for (Sample s : samples(networks.get(), nodes.get(), channels.get())) {
      rows.get(s.gauge()).add(MultiGauge.Row.of(s.tags(), s.value()));
    }
    rows.forEach((g, r) -> gauges.get(g).register(r, true));
  }

  /** The samples of the given resources' status (pure: a resource without status has none). */
  public static List<Sample> samples(Collection<BitcoinNetwork> networks, Collection<LightningNode> nodes,
      Collection<LightningChannel> channels) {
    List<Sample> out = new ArrayList<>();
    for (BitcoinNetwork n : networks) {
      BitcoinNetworkStatus s = n.getStatus();
      if (s == null) {
        continue;
      }
      Tags id = id(n);
      add(out, Gauge.NETWORK_BLOCK_HEIGHT, id, s.getBlockHeight());
      add(out, Gauge.NETWORK_REPLICAS, id, s.getReplicas());
      add(out, Gauge.NETWORK_READY_NODES, id, s.getReadyReplicas());
      for (NodeStatus node : s.getNodes()) {
        if (node.getPod() != null) {
          add(out, Gauge.NETWORK_NODE_PEERS, id.and("node", node.getPod()), node.getPeers());
        }
      }
      conditions(out, Gauge.NETWORK_CONDITION, id, s.getConditions());
    }
    for (LightningNode n : nodes) {
      LightningNodeStatus s = n.getStatus();
      if (s == null) {
        continue;
      }
      Tags id = id(n);
      add(out, Gauge.LIGHTNING_ONCHAIN_BALANCE, id, s.getOnChainBalanceSat());
      add(out, Gauge.LIGHTNING_CHANNEL_BALANCE, id, s.getChannelLocalBalanceSat());
      add(out, Gauge.LIGHTNING_ACTIVE_CHANNELS, id, s.getActiveChannels());
      add(out, Gauge.LIGHTNING_PENDING_CHANNELS, id, s.getPendingChannels());
      add(out, Gauge.LIGHTNING_PEERS, id, s.getPeers());
      conditions(out, Gauge.LIGHTNING_CONDITION, id, s.getConditions());
    }
    for (LightningChannel c : channels) {
      LightningChannelStatus s = c.getStatus();
      if (s == null) {
        continue;
      }
      Tags id = id(c);
      add(out, Gauge.CHANNEL_CAPACITY, id, s.getCapacitySat());
      add(out, Gauge.CHANNEL_LOCAL_BALANCE, id, s.getLocalBalanceSat());
      if (s.getState() != null) {
        for (ChannelState state : ChannelState.values()) {
          out.add(new Sample(Gauge.CHANNEL_STATE, id.and("state", state.display()), state == s.getState() ? 1 : 0));
        }
      }
      conditions(out, Gauge.CHANNEL_CONDITION, id, s.getConditions());
    }
    return out;
  }

  private static Tags id(HasMetadata r) {
    return Tags.of("namespace", r.getMetadata().getNamespace(), "name", r.getMetadata().getName());
  }

  private static void add(List<Sample> out, Gauge g, Tags tags, Number value) {
    if (value != null) {
      out.add(new Sample(g, tags, value.doubleValue()));
    }
  }

  private static void conditions(List<Sample> out, Gauge g, Tags id, List<Condition> conditions) {
    for (Condition c : conditions) {
      out.add(new Sample(g, id.and("type", c.getType()), "True".equals(c.getStatus()) ? 1 : 0));
    }
  }
}
