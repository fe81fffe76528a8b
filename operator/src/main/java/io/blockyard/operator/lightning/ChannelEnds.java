package io.blockyard.operator.lightning;

import static io.blockyard.api.lightning.ChannelConditionReason.NODE_NOT_FOUND;
import static io.blockyard.api.lightning.ChannelConditionReason.NODE_NOT_READY;

import io.blockyard.api.lightning.ChannelConditionReason;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.lightning.ChannelConditions.Blocker;
import io.blockyard.operator.lightning.ChannelObservation.Answered;
import io.blockyard.operator.lightning.ChannelObservation.Failed;
import java.util.Optional;

/**
 * A channel's ends as one pass sees them: the opening node and what its lnd answered, and the remote's key and
 * address (the address is null once opened with the remote resource gone). Pure.
 *
 * @param remoteProblem what is wrong with an opened channel's peer resource (it is gone), if anything
 */
record ChannelEnds(LightningNode from, Answered lnd, String remotePubkey, String remoteAddress,
    Optional<Blocker> remoteProblem) {

  /** The ends, or what keeps the pass from having them. */
  record Resolved(ChannelEnds ends, Blocker blocker) {}

  /**
   * The opening node must be ready, or for a channel already opened only known; the remote end must be ready before
   * opening. Once opened the remote's last known key will do: lnd's active flag tells whether the peer is there, and
   * a peer resource that is gone is reported as what blocks the channel.
   *
   * @param opened whether the channel has (or had, being deleted) a channel of its own
   * @param closing a failed lnd call is then a failed close, its message as lnd gave it
   */
  static Resolved resolve(LightningChannel channel, ChannelObservation observation, boolean opened,
      boolean closing) {
    String namespace = channel.getMetadata().getNamespace();
    String fromName = channel.getSpec().getFrom();
    Blocker fromProblem = opened ? knownProblem(observation.from(), fromName, "spec.from", namespace)
        : readyProblem(observation.from(), fromName, "spec.from", namespace);
    if (fromProblem != null) {
      return new Resolved(null, fromProblem);
    }
    if (observation.lnd() instanceof Failed failed) {
      return new Resolved(null, closing ? new Blocker(ChannelConditionReason.CLOSE_FAILED, failed.message())
          : ChannelActions.callFailed(failed.refused(), failed.message()));
    }
    if (!(observation.lnd() instanceof Answered lnd)) {
      return new Resolved(null, new Blocker(NODE_NOT_READY, "LightningNode " + fromName + " is not reachable yet"));
    }
    LightningNode from = observation.from().get();
    String toName = channel.getSpec().getTo().getNode();
    if (toName != null) {
      Blocker toProblem = readyProblem(observation.to(), toName, "spec.to.node", namespace);
      if (toProblem != null) {
        String knownPubkey = channel.getStatus() == null ? null : channel.getStatus().getRemotePubkey();
        if (!opened || knownPubkey == null) {
          return new Resolved(null, toProblem);
        }
        return new Resolved(new ChannelEnds(from, lnd, knownPubkey, null,
            toProblem.reason() == NODE_NOT_FOUND ? Optional.of(toProblem) : Optional.empty()), null);
      }
      LightningNode to = observation.to().get();
      String pubkey = to.getStatus().getIdentityPubkey();
      return new Resolved(new ChannelEnds(from, lnd, pubkey, to.getStatus().getUri().substring(pubkey.length() + 1),
          Optional.empty()), null);
    }
    String uri = channel.getSpec().getTo().getUri();
    return new Resolved(new ChannelEnds(from, lnd, uri.substring(0, uri.indexOf('@')),
        uri.substring(uri.indexOf('@') + 1), Optional.empty()), null);
  }

  /** A node that exists, is Ready and has an identity: enough to open a channel with. */
  static boolean ready(LightningNode node) {
    return readyCondition(node) && node.getStatus().getIdentityPubkey() != null;
  }

  /** A node that exists and has an identity: enough to watch a channel it has. */
  static boolean known(LightningNode node) {
    return node.getStatus() != null && node.getStatus().getIdentityPubkey() != null;
  }

  static boolean readyCondition(LightningNode node) {
    return node.getStatus() != null && Conditions.isTrue(node.getStatus().getConditions(),
        LightningNodeReconciler.READY);
  }

  private static Blocker knownProblem(Optional<LightningNode> node, String name, String field, String namespace) {
    return node.isPresent() && known(node.get()) ? null : readyProblem(node, name, field, namespace);
  }

  private static Blocker readyProblem(Optional<LightningNode> node, String name, String field, String namespace) {
    if (node.isEmpty()) {
      return new Blocker(NODE_NOT_FOUND, "LightningNode \"" + name + "\" (" + field + ") does not exist in namespace "
          + namespace + ": create it, or fix " + field);
    }
    if (!ready(node.get())) {
      var status = node.get().getStatus();
      String why = status == null ? "it has no status yet" : Conditions.find(status.getConditions(),
          LightningNodeReconciler.READY).map(c -> c.getMessage()).orElse("it has no Ready condition yet");
      return new Blocker(NODE_NOT_READY, "waiting for LightningNode " + name + " to be ready: " + why);
    }
    return null;
  }
}
