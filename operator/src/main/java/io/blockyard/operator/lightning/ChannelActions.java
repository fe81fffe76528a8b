package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelConditionReason;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.operator.Events;
import io.blockyard.operator.bitcoin.NodeClients;
import io.blockyard.operator.lightning.ChannelConditions.Blocker;
import io.blockyard.operator.lightning.ChannelPlan.ActivateSegwit;
import io.blockyard.operator.lightning.ChannelPlan.Adopt;
import io.blockyard.operator.lightning.ChannelPlan.Close;
import io.blockyard.operator.lightning.ChannelPlan.Fund;
import io.blockyard.operator.lightning.ChannelPlan.MineConfirmation;
import io.blockyard.operator.lightning.ChannelPlan.MineToAnnouncementDepth;
import io.blockyard.operator.lightning.ChannelPlan.Open;
import io.blockyard.operator.lightning.ChannelPlan.ReleaseFinalizer;
import io.blockyard.operator.lightning.ChannelPlan.Step;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.AddressType;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The act step: carries a {@link ChannelPlan}'s step out on lnd, the chain and the resource, and says what came of it. */
final class ChannelActions {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelActions.class);
  /** Names this operator process in an open-attempt record. */
  static final String OPERATOR_INSTANCE = "operator " + java.util.UUID.randomUUID().toString().substring(0, 8);

  /**
   * What came of the step.
   *
   * @param channelPoint the channel an open made, or null
   * @param closingTxid the transaction a close published, or null
   * @param failure why the step did not go through, or null
   * @param announcementProblem why the blocks to announcement depth could not be mined, or null
   */
  record Outcome(ChannelPoint channelPoint, String closingTxid, Blocker failure, String announcementProblem) {
    static final Outcome AS_PLANNED = new Outcome(null, null, null, null);

    static Outcome failed(Blocker failure) {
      return new Outcome(null, null, failure, null);
    }

    boolean asPlanned() {
      return equals(AS_PLANNED);
    }
  }

  private final LightningChannel channel;
  private final KubernetesClient client;
  private final LndClients lndClients;
  private final NodeClients bitcoinClients;
  private final Events events;

  ChannelActions(LightningChannel channel, KubernetesClient client, LndClients lndClients, NodeClients bitcoinClients,
      Events events) {
    this.channel = channel;
    this.client = client;
    this.lndClients = lndClients;
    this.bitcoinClients = bitcoinClients;
    this.events = events;
  }

  /** A call to lnd (or to the node that mines) that failed, as the Blocked condition says it. */
  static Blocker callFailed(boolean refused, String message) {
    return new Blocker(refused ? ChannelConditionReason.LND_REFUSED : ChannelConditionReason.LND_UNREACHABLE,
        message + " (retried every " + LightningChannelReconciler.OBSERVE_EVERY.toSeconds() + " s)");
  }

  /** @param network the opening node's network, for the steps that mine */
  Outcome act(ChannelPlan plan, Optional<BitcoinNetwork> network) {
    Step step = plan.step();
    // The clients as they are now: one may have gone since the observation (its pod went away); the next pass says.
    Optional<LndNode> lnd = lndClients.admin(LndClients.key(channel.getMetadata().getNamespace(),
        channel.getSpec().getFrom()));
    Optional<TestChainMiner> miner = network.flatMap(n -> TestChainMiner.of(bitcoinClients, n));
    String networkUid = network.map(n -> n.getMetadata().getUid()).orElse("");
    Blocker noLnd = new Blocker(ChannelConditionReason.NODE_NOT_READY, "LightningNode " + channel.getSpec().getFrom()
        + " is not reachable yet");
    Blocker noMiner = new Blocker(ChannelConditionReason.NETWORK_NOT_READY, "node 0 of BitcoinNetwork "
        + network.map(n -> n.getMetadata().getName()).orElse("(none)") + " is not ready to mine");
    try {
      if (step instanceof Adopt adopt) {
        events.normal(channel, "ChannelAdopted", "found channel " + adopt.point() + " opened earlier");
      } else if (step instanceof ActivateSegwit segwit) {
        if (miner.isEmpty()) {
          return Outcome.failed(noMiner);
        }
        FundingSettles.mine(networkUid, () -> miner.get().confirm(segwit.blocks()));
      } else if (step instanceof Fund fund) {
        if (miner.isEmpty() || lnd.isEmpty()) {
          return Outcome.failed(miner.isEmpty() ? noMiner : noLnd);
        }
        String address = lnd.get().newAddress(AddressType.WITNESS_PUBKEY_HASH);
        FundingSettles.mine(networkUid, () -> miner.get().fund(address, fund.blocks()));
      } else if (step instanceof Open open) {
        return lnd.isEmpty() ? Outcome.failed(noLnd) : FundingSettles.open(networkUid, () -> open(lnd.get(), open));
      } else if (step instanceof MineConfirmation) {
        if (miner.isEmpty()) {
          return Outcome.failed(noMiner);
        }
        FundingSettles.mine(networkUid, () -> miner.get().confirm(1));
      } else if (step instanceof MineToAnnouncementDepth depth) {
        // Not a Blocked condition: the channel itself works.
        try {
          if (miner.isEmpty()) {
            return new Outcome(null, null, null, "cannot mine them yet: " + noMiner.message());
          }
          FundingSettles.mine(networkUid, () -> miner.get().confirm(depth.blocks()));
        } catch (RpcException e) {
          return new Outcome(null, null, null, "cannot mine them yet: " + e.getMessage());
        }
      } else if (step instanceof Close close) {
        if (lnd.isEmpty()) {
          return Outcome.failed(noLnd);
        }
        String txid = lnd.get().closeChannel(close.point(), close.force());
        events.normal(channel, "ChannelClosing", (close.force() ? "force-closing" : "closing") + " channel "
            + close.point() + " in transaction " + txid);
        return new Outcome(null, txid, null, null);
      } else if (step instanceof ReleaseFinalizer release && release.reason() != null) {
        if (release.warning()) {
          events.warning(channel, release.reason(), release.message());
        } else {
          events.normal(channel, release.reason(), release.message());
        }
      }
      return Outcome.AS_PLANNED;
    } catch (RpcException e) {
      return Outcome.failed(channel.isMarkedForDeletion()
          ? new Blocker(ChannelConditionReason.CLOSE_FAILED, e.getMessage())
          : callFailed(e instanceof LndErrorException, e.getMessage()));
    }
  }

  /** Connects the peers, records the attempt, and opens: the attempt is on the resource before lnd is asked. */
  private Outcome open(LndNode lnd, Open open) {
    lnd.connectPeer(open.remotePubkey(), open.remoteAddress());
    if (!OpenAttempt.record(client, channel, OPERATOR_INSTANCE)) {
      return Outcome.failed(new Blocker(ChannelConditionReason.OPEN_ATTEMPTED, "the channel changed while it was "
          + "being opened (another operator instance may be opening it); looking again"));
    }
    ChannelPoint point;
    try {
      point = lnd.openChannel(open.remotePubkey(), open.capacitySat(), open.pushSat(), open.isPrivate());
    } catch (LndErrorException refused) {
      // lnd answered with an error: it opened nothing, so the next pass may try again.
      OpenAttempt.clear(client, channel);
      throw refused;
    }
    LOG.info("{}/{}: opened channel {}", channel.getMetadata().getNamespace(), channel.getMetadata().getName(), point);
    return new Outcome(point, null, null, null);
  }
}
