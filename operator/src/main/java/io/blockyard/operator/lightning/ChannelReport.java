package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.ChannelState;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.operator.lightning.ChannelConditions.Seen;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/** The status a pass reports: the plan's, with what its step's outcome changed. Pure. */
final class ChannelReport {
  private ChannelReport() {}

  static LightningChannelStatus status(LightningChannel channel, ChannelPlan plan, ChannelActions.Outcome outcome,
      Instant now) {
    if (outcome.asPlanned()) {
      return plan.status();
    }
    LightningChannelStatus status = copy(plan.status());
    Seen seen = plan.seen();
    if (outcome.closingTxid() != null) {
      status.setClosingTxid(outcome.closingTxid());
      status.setState(ChannelState.CLOSING);
      // Closing goes on from what lnd reports; the conditions stay those of the last pass that looked.
      return status;
    }
    if (outcome.channelPoint() != null) {
      status.setChannelPoint(outcome.channelPoint().toString());
      status.setState(ChannelState.OPENING);
      status.setCapacitySat(channel.getSpec().getCapacitySat());
      seen = seen.withState(ChannelState.OPENING);
    }
    if (outcome.failure() != null) {
      seen = seen.blocked(channel.isMarkedForDeletion() ? new ChannelPlanner(channel).cannotCloseYet(outcome.failure())
          : outcome.failure());
      if (status.getState() == null && !channel.isMarkedForDeletion()) {
        status.setState(ChannelState.PENDING);
        seen = seen.withState(ChannelState.PENDING);
      }
    }
    if (outcome.announcementProblem() != null) {
      seen = seen.withAnnouncementProblem(outcome.announcementProblem());
    }
    List<Condition> previous = channel.getStatus() == null ? List.of()
        : channel.getStatus().getConditions();
    long generation = channel.getMetadata().getGeneration() == null ? 0 : channel.getMetadata().getGeneration();
    status.setConditions(ChannelConditions.of(seen, previous, generation, now));
    return status;
  }

  /** A copy to change: a status read from the cache or planned is never changed in place. */
  static LightningChannelStatus copy(LightningChannelStatus planned) {
    LightningChannelStatus status = new LightningChannelStatus();
    status.setObservedGeneration(planned.getObservedGeneration());
    status.setChannelPoint(planned.getChannelPoint());
    status.setChannelId(planned.getChannelId());
    status.setState(planned.getState());
    status.setClosingTxid(planned.getClosingTxid());
    status.setRemotePubkey(planned.getRemotePubkey());
    status.setCapacitySat(planned.getCapacitySat());
    status.setLocalBalanceSat(planned.getLocalBalanceSat());
    status.setRemoteBalanceSat(planned.getRemoteBalanceSat());
    status.setActive(planned.getActive());
    status.setConditions(planned.getConditions());
    return status;
  }
}
