package io.blockyard.operator.lightning;

import static io.blockyard.api.lightning.ChannelConditionReason.ACTIVATING_SEGWIT;
import static io.blockyard.api.lightning.ChannelConditionReason.FORCE_CLOSE_NOT_ACKNOWLEDGED;
import static io.blockyard.api.lightning.ChannelConditionReason.FUNDING;
import static io.blockyard.api.lightning.ChannelConditionReason.FUNDING_IMPOSSIBLE;
import static io.blockyard.api.lightning.ChannelConditionReason.FUNDING_NOT_ALLOWED;
import static io.blockyard.api.lightning.ChannelConditionReason.FUNDING_NOT_POSSIBLE;
import static io.blockyard.api.lightning.ChannelConditionReason.INSUFFICIENT_FUNDS;
import static io.blockyard.api.lightning.ChannelConditionReason.NETWORK_NOT_READY;
import static io.blockyard.api.lightning.ChannelConditionReason.NODE_NOT_SYNCED;
import static io.blockyard.api.lightning.ChannelConditionReason.OPEN_ATTEMPTED;
import static io.blockyard.api.lightning.ChannelConditionReason.SEGWIT_INACTIVE;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.ChannelConditionReason;
import io.blockyard.api.lightning.ChannelConditionType;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelSpec;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.lightning.ChannelConditions.Announcement;
import io.blockyard.operator.lightning.ChannelConditions.Blocker;
import io.blockyard.operator.lightning.ChannelConditions.Miner;
import io.blockyard.operator.lightning.ChannelConditions.MinerKind;
import io.blockyard.operator.lightning.ChannelConditions.Seen;
import io.blockyard.operator.lightning.ChannelObservation.Answered;
import io.blockyard.operator.lightning.ChannelObservation.Entry;
import io.blockyard.operator.lightning.ChannelPlan.ActivateSegwit;
import io.blockyard.operator.lightning.ChannelPlan.Adopt;
import io.blockyard.operator.lightning.ChannelPlan.Close;
import io.blockyard.operator.lightning.ChannelPlan.Fund;
import io.blockyard.operator.lightning.ChannelPlan.MineConfirmation;
import io.blockyard.operator.lightning.ChannelPlan.MineToAnnouncementDepth;
import io.blockyard.operator.lightning.ChannelPlan.Nothing;
import io.blockyard.operator.lightning.ChannelPlan.Open;
import io.blockyard.operator.lightning.ChannelPlan.ReleaseFinalizer;
import io.blockyard.operator.lightning.ChannelPlan.Step;
import io.blockyard.rpc.lnd.ChannelPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The plan step: from a channel's spec, status and annotations and what a pass observed, the one step to take, the
 * status to write and when to look again; {@link #plan} while the channel lives, {@link #planClose} once it is being
 * deleted. Pure: no client, no clock of its own.
 */
final class ChannelPlanner {
  /** How soon a ready node whose lnd the node reconciler has not reached yet is looked at again. */
  static final Duration LND_NOT_REACHED_YET = Duration.ofSeconds(1);
  static final Miner NO_MINER = new Miner(MinerKind.CHAIN, null, null);

  private final LightningChannel channel;
  private final LightningChannelSpec spec;
  private final LightningChannelStatus previous;
  private final long generation;

  ChannelPlanner(LightningChannel channel) {
    this.channel = channel;
    this.spec = channel.getSpec();
    this.previous = channel.getStatus() == null ? new LightningChannelStatus() : channel.getStatus();
    this.generation = channel.getMetadata().getGeneration() == null ? 0 : channel.getMetadata().getGeneration();
  }

  ChannelPlan plan(ChannelObservation observation, Instant now) {
    if (observation.from().map(ChannelEnds::readyCondition).orElse(false)
        && observation.lnd() instanceof ChannelObservation.NotAsked n && !n.clientKept()) {
      // Just after a start the node's reconciler has not reached its lnd yet: wait for it rather than report a
      // ready node as unreachable.
      return new ChannelPlan(new Nothing(), previous, null, LND_NOT_REACHED_YET);
    }
    LightningChannelStatus status = carryOver(previous);
    Step step = new Nothing();
    Blocker blocked;
    boolean observed = false;
    Optional<Announcement> announcement = Optional.empty();
    Miner miner = NO_MINER;
    ChannelEnds.Resolved resolved = ChannelEnds.resolve(channel, observation, status.getChannelPoint() != null, false);
    blocked = resolved.blocker();
    if (blocked == null) {
      ChannelEnds ends = resolved.ends();
      miner = Miner.of(fund(), observation.network());
      status.setRemotePubkey(ends.remotePubkey());
      if (status.getChannelPoint() == null && OpenAttempt.recorded(channel).isPresent()) {
        // An open was attempted (here or by another instance): find its channel, never open a second one.
        List<ChannelPoint> adoptable = ends.lnd().adoptable(ends.remotePubkey(), spec.getCapacitySat(),
            observation.claimed());
        if (adoptable.isEmpty()) {
          blocked = new Blocker(OPEN_ATTEMPTED, "an open was attempted (" + OpenAttempt.recorded(channel).get()
              + ") and lnd shows no channel of it yet; if lnd never opened it (its log says so), remove the "
              + "annotation " + OpenAttempt.ANNOTATION + " to try again");
        } else {
          status.setChannelPoint(adoptable.get(0).toString());
          step = new Adopt(adoptable.get(0));
        }
      }
      if (blocked == null && status.getChannelPoint() == null) {
        Opening opening = open(observation, ends);
        step = opening.step();
        blocked = opening.blocker();
      } else if (blocked == null) {
        observe(ends.lnd(), status);
        observed = true;
        Optional<Step> toAnnounce = Optional.empty();
        if (announcing(status)) {
          Announced announced = announcement(observation, ends, status);
          announcement = announced.announcement();
          toAnnounce = announced.step();
        }
        Optional<Step> confirm = Optional.empty();
        if (ends.remoteProblem().isPresent()) {
          blocked = ends.remoteProblem().get();
        } else if (status.getState() == ChannelState.OPENING && fund()) {
          Blocker minerProblem = minerProblem(observation, false);
          if (minerProblem != null) {
            blocked = minerProblem;
          } else if (ends.lnd().info().blockHeight() >= observation.miner().height()) {
            // One block at a time, and only once lnd has seen the last one: confirmations, not a runaway chain.
            confirm = Optional.of(new MineConfirmation());
          }
        }
        if (step instanceof Nothing) {
          step = toAnnounce.isPresent() ? toAnnounce.get() : confirm.orElse(step);
        }
      }
    }
    if (blocked != null && status.getState() == null) {
      status.setState(ChannelState.PENDING);
    }
    if (!observed) {
      // What lnd said last time is no longer known: the channel carries no payments the operator can vouch for.
      status.setActive(false);
    }
    Seen seen = seen(status, observed, announcement, miner, blocked);
    status.setConditions(ChannelConditions.of(seen, previous.getConditions(), generation, now));
    boolean settled = status.equals(previous) && status.getState() == ChannelState.OPEN
        && Conditions.isTrue(status.getConditions(), ChannelConditionType.READY.type())
        && !Conditions.isTrue(status.getConditions(), ChannelConditionType.BLOCKED.type())
        && (Conditions.isTrue(status.getConditions(), ChannelConditionType.ROUTABLE.type()) || isPrivate());
    return new ChannelPlan(step, status, seen, settled ? LightningChannelReconciler.IDLE_EVERY
        : LightningChannelReconciler.OBSERVE_EVERY);
  }

  /**
   * The closing path: close an open channel (by force only when asked, and off test chains only when acknowledged),
   * mine the closing transaction's confirmations with spec.fund, and release the finalizer once lnd reports the
   * channel closed, or when there is nothing this resource opened to close.
   */
  ChannelPlan planClose(ChannelObservation observation, Instant now) {
    LightningChannelStatus status = carryOver(previous);
    if (observation.from().isEmpty()) {
      // Without its node there is nothing left to close from here; the remote end can still force-close.
      return release(status, "NodeGone", "LightningNode " + spec.getFrom() + " no longer exists; the channel was "
          + "not closed by the operator", true);
    }
    Step step = new Nothing();
    ChannelEnds.Resolved resolved = ChannelEnds.resolve(channel, observation, true, true);
    Blocker blocked = resolved.blocker();
    if (blocked == null) {
      ChannelEnds ends = resolved.ends();
      if (status.getChannelPoint() == null) {
        // Only a channel this resource's open attempt made is ever closed for it.
        List<ChannelPoint> adopted = OpenAttempt.recorded(channel).isPresent()
            ? ends.lnd().adoptable(ends.remotePubkey(), spec.getCapacitySat(), observation.claimed()) : List.of();
        if (adopted.isEmpty()) {
          return release(status, null, null, false);
        }
        status.setChannelPoint(adopted.get(0).toString());
      }
      ChannelPoint point = ChannelPoint.parse(status.getChannelPoint());
      observe(ends.lnd(), status);
      switch (status.getState() == null ? ChannelState.PENDING : status.getState()) {
        case CLOSED -> {
          return release(status, "ChannelClosed", "channel " + point + " is closed; " + (forceClose()
              ? "lnd sweeps its time-locked funds back into the wallet once the time lock expires"
              : "its funds are back in the wallets on chain"), false);
        }
        case OPEN -> {
          if (forceClose() && !ForceClose.acknowledged(channel, ends.from(), point)) {
            blocked = new Blocker(FORCE_CLOSE_NOT_ACKNOWLEDGED, ForceClose.howToAcknowledge(ends.from(), point));
          } else {
            step = new Close(point, forceClose());
          }
        }
        case OPENING, CLOSING -> {
          if (fund()) {
            blocked = minerProblem(observation, true);
            if (blocked == null && ends.lnd().info().blockHeight() >= observation.miner().height()) {
              step = new MineConfirmation();
            }
          }
        }
        default -> { }
      }
    }
    // Conditions are written only when something blocks the close; lnd's answers go into the fields.
    Seen seen = seen(status, false, Optional.empty(), NO_MINER, null);
    if (blocked != null) {
      seen = seen.blocked(cannotCloseYet(blocked));
      status.setConditions(ChannelConditions.of(seen, previous.getConditions(), generation, now));
    }
    return new ChannelPlan(step, status, seen, LightningChannelReconciler.OBSERVE_EVERY);
  }

  /** What a closing channel's Blocked condition says: why it cannot close yet, and the way out when the peer is gone. */
  Blocker cannotCloseYet(Blocker why) {
    return new Blocker(why.reason(), "cannot close the channel yet: " + why.message()
        + (forceClose() ? "" : "; if the peer is gone for good, set spec.forceClose: true"));
  }

  private ChannelPlan release(LightningChannelStatus status, String reason, String message, boolean warning) {
    return new ChannelPlan(new ReleaseFinalizer(reason, message, warning), status, null, Duration.ZERO);
  }

  private record Opening(Step step, Blocker blocker) {}

  /** Segwit active, then funds, then connect and open: the first of these that is not done yet. */
  private Opening open(ChannelObservation observation, ChannelEnds ends) {
    String from = spec.getFrom();
    long lndHeight = ends.lnd().info().blockHeight();
    if (!ends.lnd().info().syncedToChain()) {
      return blocked(NODE_NOT_SYNCED, "LightningNode " + from + " is not synced to the chain yet");
    }
    BitcoinNetwork network = observation.network().orElse(null);
    long activation = network == null || !network.getSpec().getChain().minesOnDemand() ? 0
        : Funding.segwitActiveHeight(network.getSpec().getImplementation(), network.getSpec().getChain());
    if (activation > 0 && lndHeight < activation) {
      // On btcd's test chains segwit needs a few hundred blocks first; with spec.fund the operator mines them.
      if (!fund()) {
        return blocked(SEGWIT_INACTIVE, "btcd activates segwit, which channels need, at height " + activation
            + "; the chain is at " + lndHeight + ": mine " + (activation - lndHeight) + " blocks (kubectl blockyard "
            + "mine " + network.getMetadata().getName() + " " + (activation - lndHeight) + "), or set spec.fund: true");
      }
      Blocker minerProblem = minerProblem(observation, false);
      if (minerProblem != null) {
        return new Opening(new Nothing(), minerProblem);
      }
      long height = observation.miner().height();
      return new Opening(height < activation ? new ActivateSegwit((int) (activation - height), activation)
          : new Nothing(), new Blocker(ACTIVATING_SEGWIT, "mined up to height " + activation
              + ", where btcd activates segwit"));
    }
    long needed = Funding.needed(spec.getCapacitySat());
    long confirmed = ends.lnd().balance().orElseThrow(() -> new IllegalStateException(
        "the wallet balance of " + from + " was not observed before an open")).confirmedSat();
    if (confirmed < needed) {
      if (!fund()) {
        return blocked(INSUFFICIENT_FUNDS, "LightningNode " + from + " has " + confirmed + " sat confirmed; the "
            + "channel needs " + needed + " (capacity plus " + Funding.FEE_RESERVE_SAT + " for fees and reserves): "
            + "send coins to its wallet (kubectl blockyard ln " + from + " newaddress), or on regtest/simnet set "
            + "spec.fund: true");
      }
      Blocker minerProblem = minerProblem(observation, false);
      if (minerProblem != null) {
        return new Opening(new Nothing(), minerProblem);
      }
      // Only when lnd has caught up with the chain: until then its balance does not show what was mined for it.
      long height = observation.miner().height();
      if (lndHeight < height) {
        return blocked(FUNDING, "waiting for LightningNode " + from + " to see the blocks mined for it (at "
            + lndHeight + " of " + height + ")");
      }
      int blocks = Funding.blocksToMine(network.getSpec().getChain(), height + 1, needed - confirmed);
      if (blocks < 0) {
        return blocked(FUNDING_IMPOSSIBLE, "the block reward at height " + height + " is too small to fund "
            + (needed - confirmed) + " sat: use a smaller capacity, or a new network");
      }
      return new Opening(new Fund(blocks), new Blocker(FUNDING, "mined " + blocks + " block(s) to the wallet of "
          + "LightningNode " + from + " and " + Funding.COINBASE_MATURITY + " for them to mature"));
    }
    if (fund() && minerProblem(observation, false) == null && lndHeight < observation.miner().height()) {
      // A funding transaction broadcast while lnd still takes in blocks just mined is one lnd may lose track of.
      return blocked(NODE_NOT_SYNCED, "waiting for LightningNode " + from + " to take in the blocks just mined (at "
          + lndHeight + " of " + observation.miner().height() + ") before it opens the channel");
    }
    return new Opening(new Open(ends.remotePubkey(), ends.remoteAddress(), spec.getCapacitySat(),
        spec.getPushSat() == null ? 0 : spec.getPushSat(), isPrivate()), null);
  }

  private static Opening blocked(ChannelConditionReason reason, String message) {
    return new Opening(new Nothing(), new Blocker(reason, message));
  }

  /**
   * Why the node that mines for spec.fund cannot be used, or null when its height is known.
   *
   * @param closing a failed call is then a failed close, its message as the node gave it
   */
  private Blocker minerProblem(ChannelObservation observation, boolean closing) {
    String from = spec.getFrom();
    BitcoinNetwork network = observation.network().orElse(null);
    if (network == null) {
      return new Blocker(FUNDING_NOT_POSSIBLE, "spec.fund needs a node bound to a BitcoinNetwork; " + from
          + " uses an external backend: send coins to its wallet instead and remove spec.fund");
    }
    if (!network.getSpec().getChain().minesOnDemand()) {
      return new Blocker(FUNDING_NOT_ALLOWED, "spec.fund mines coins, which works on regtest and simnet only; "
          + from + " is on " + network.getSpec().getChain().name().toLowerCase() + ": remove spec.fund and send "
          + "coins to its wallet");
    }
    ChannelObservation.MinerHeight miner = observation.miner();
    if (miner.height() != null) {
      return null;
    }
    if (miner.failure() != null) {
      return closing ? new Blocker(ChannelConditionReason.CLOSE_FAILED, miner.failure())
          : ChannelActions.callFailed(false, miner.failure());
    }
    return new Blocker(NETWORK_NOT_READY, miner.notReady() != null ? miner.notReady()
        : "the height of node 0 of BitcoinNetwork " + network.getMetadata().getName() + " is not known yet");
  }

  /** Whether the pass looks at how far the channel is from routable: public, open, and not routable already. */
  private boolean announcing(LightningChannelStatus status) {
    return status.getState() == ChannelState.OPEN && !isPrivate() && status.getChannelId() != null
        && !Conditions.isTrue(previous.getConditions(), ChannelConditionType.ROUTABLE.type());
  }

  private record Announced(Optional<Announcement> announcement, Optional<Step> step) {}

  /**
   * How far a public open channel is from being routable; with spec.fund on a test chain, the blocks to mine to
   * announcement depth. Trouble reading a graph or mining goes into the answer, not into Blocked: the channel works.
   */
  private Announced announcement(ChannelObservation observation, ChannelEnds ends, LightningChannelStatus status) {
    long tip = ends.lnd().info().blockHeight();
    long confirmations = ChannelConditions.confirmations(status.getChannelId(), tip);
    if (confirmations < LightningChannelStatus.ANNOUNCEMENT_CONFIRMATIONS) {
      String problem = null;
      Optional<Step> step = Optional.empty();
      if (fund()) {
        Blocker minerProblem = minerProblem(observation, true);
        if (minerProblem != null) {
          // Not a Blocked condition: the channel itself works; the node's own words say what is wrong.
          problem = "cannot mine them yet: " + minerProblem.message();
        } else if (tip >= observation.miner().height()) {
          step = Optional.of(new MineToAnnouncementDepth(
              (int) (LightningChannelStatus.ANNOUNCEMENT_CONFIRMATIONS - confirmations)));
        }
      }
      return new Announced(Optional.of(new Announcement(confirmations, false, false, problem)), step);
    }
    return new Announced(observation.graphs().map(g -> new Announcement(confirmations, g.inLocal(), g.inRemote(),
        g.problems().isEmpty() ? null : String.join("; ", g.problems()))), Optional.empty());
  }

  /** Where lnd has the channel: open, on its way open or closed, or closed. */
  private void observe(Answered lnd, LightningChannelStatus status) {
    status.setCapacitySat(spec.getCapacitySat());
    Entry entry = lnd.entry(ChannelPoint.parse(status.getChannelPoint())).orElse(null);
    if (entry instanceof Entry.Open o) {
      status.setState(ChannelState.OPEN);
      status.setActive(o.channel().active());
      status.setChannelId(o.channel().chanId().isEmpty() ? null : o.channel().chanId());
      status.setLocalBalanceSat(o.channel().localBalance());
      status.setRemoteBalanceSat(o.channel().remoteBalance());
      return;
    }
    status.setActive(false);
    if (entry instanceof Entry.Closed c) {
      // Closed once the closing transaction confirms.
      status.setState(ChannelState.CLOSED);
      status.setClosingTxid(c.channel().closingTxid());
      status.setLocalBalanceSat(0L);
      status.setRemoteBalanceSat(0L);
    } else if (entry instanceof Entry.Pending p) {
      // After a force close lnd lists the channel as pending until the time lock lets it sweep the funds, which it
      // then does on its own: closed as far as the channel goes.
      status.setState(switch (p.channel().stage()) {
        case PENDING_OPEN -> ChannelState.OPENING;
        case WAITING_CLOSE -> ChannelState.CLOSING;
        case PENDING_FORCE_CLOSE -> ChannelState.CLOSED;
      });
      status.setLocalBalanceSat(p.channel().localBalance());
      if (p.channel().closingTxid() != null && !p.channel().closingTxid().isEmpty()) {
        status.setClosingTxid(p.channel().closingTxid());
      }
    }
    // Not listed: just opened, lnd lists it as pending a moment later. The last known state stands.
  }

  private Seen seen(LightningChannelStatus status, boolean observed, Optional<Announcement> announcement, Miner miner,
      Blocker blocked) {
    String to = spec.getTo().getNode() != null ? spec.getTo().getNode() : "the peer";
    return new Seen(status.getState(), Boolean.TRUE.equals(status.getActive()), observed, isPrivate(), spec.getFrom(),
        to, announcement, miner, blocked == null ? null : blocked.reason(), blocked == null ? null : blocked.message());
  }

  private boolean fund() {
    return Boolean.TRUE.equals(spec.getFund());
  }

  private boolean forceClose() {
    return Boolean.TRUE.equals(spec.getForceClose());
  }

  private boolean isPrivate() {
    return Boolean.TRUE.equals(spec.getPrivateChannel());
  }

  /** The last status's fields, to be overwritten with what this pass sees. */
  private LightningChannelStatus carryOver(LightningChannelStatus previous) {
    LightningChannelStatus status = ChannelReport.copy(previous);
    status.setObservedGeneration(channel.getMetadata().getGeneration());
    return status;
  }
}
