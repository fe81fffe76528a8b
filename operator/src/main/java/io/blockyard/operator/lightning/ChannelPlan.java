package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningChannelStatus;
import io.blockyard.rpc.lnd.ChannelPoint;
import java.time.Duration;

/**
 * What a pass does to a channel, decided from an observation alone (see {@link ChannelPlanner}).
 *
 * @param step the one step to take
 * @param status the status to write if the step goes as planned (see {@link ChannelReport} for its outcome)
 * @param seen what the conditions in {@code status} were computed from, for the report to recompute them
 * @param observeAgain when to look at the channel again if nothing else wakes the reconciler
 */
record ChannelPlan(Step step, LightningChannelStatus status, ChannelConditions.Seen seen, Duration observeAgain) {

  /** A step on lnd, on the chain or on the resource. */
  sealed interface Step {}

  /** Nothing to do but report. */
  record Nothing() implements Step {}

  /** Take the channel an earlier open attempt made (found by peer and capacity) as this resource's. */
  record Adopt(ChannelPoint point) implements Step {}

  /** Mine up to the height where btcd activates segwit (spec.fund on a test chain). */
  record ActivateSegwit(int blocks, long activationHeight) implements Step {}

  /** Mine {@code blocks} coinbase outputs to a fresh address of the opening wallet and let them mature. */
  record Fund(int blocks) implements Step {}

  /**
   * Connect the peers, record the open attempt (with the resource version read as a precondition), and open: never
   * twice, see {@link OpenAttempt}.
   */
  record Open(String remotePubkey, String remoteAddress, long capacitySat, long pushSat, boolean isPrivate)
      implements Step {}

  /** Mine one block on a test chain: a confirmation of the funding or closing transaction. */
  record MineConfirmation() implements Step {}

  /** Mine the blocks a public channel still needs before lnd announces it. */
  record MineToAnnouncementDepth(int blocks) implements Step {}

  /** Close the channel, by force when asked. */
  record Close(ChannelPoint point, boolean force) implements Step {}

  /**
   * Let the resource go: remove the finalizer, with an event when there is something to say.
   *
   * @param warning whether the event is a Warning; {@code reason} null for no event
   */
  record ReleaseFinalizer(String reason, String message, boolean warning) implements Step {}
}
