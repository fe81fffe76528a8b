package io.blockyard.operator.lightning;

import static io.blockyard.api.lightning.NodeConditionReason.LND_UNREACHABLE;
import static io.blockyard.api.lightning.NodeConditionReason.POD_NOT_READY;
import static io.blockyard.api.lightning.NodeConditionReason.SECRETS_MISSING;
import static io.blockyard.api.lightning.NodeConditionReason.SECRET_WRITE_FAILED;
import static io.blockyard.api.lightning.NodeConditionReason.SYNCED_TO_CHAIN;
import static io.blockyard.api.lightning.NodeConditionReason.SYNCING;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_CREATING;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_LOCKED;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_NOT_CREATED_BY_OPERATOR;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_NOT_READY;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_READY_AND_SYNCED;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_STARTING;
import static io.blockyard.api.lightning.NodeConditionReason.WALLET_UNLOCKED;
import static io.blockyard.operator.lightning.LightningNodeReconciler.IDLE_EVERY;
import static io.blockyard.operator.lightning.LightningNodeReconciler.IDLE_UNSUBSCRIBED_EVERY;
import static io.blockyard.operator.lightning.LightningNodeReconciler.OBSERVE_EVERY;
import static io.blockyard.operator.lightning.LightningNodeReconciler.READY;
import static io.blockyard.operator.lightning.LightningNodeReconciler.SYNCED;
import static io.blockyard.operator.lightning.LightningNodeReconciler.WALLET_READY;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.api.lightning.NodeConditionReason;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.lightning.NodeObservation.Answered;
import io.blockyard.operator.lightning.NodeObservation.ApiRefusal;
import io.blockyard.operator.lightning.NodeObservation.MacaroonRefused;
import io.blockyard.operator.lightning.NodeObservation.NoAdminMacaroon;
import io.blockyard.operator.lightning.NodeObservation.NotAsked;
import io.blockyard.operator.lightning.NodeObservation.SecretUnreadable;
import io.blockyard.operator.lightning.NodeObservation.Starting;
import io.blockyard.operator.lightning.NodeObservation.Unreachable;
import io.blockyard.operator.lightning.NodePlan.CreateWalletPassword;
import io.blockyard.operator.lightning.NodePlan.InitWallet;
import io.blockyard.operator.lightning.NodePlan.LabelChain;
import io.blockyard.operator.lightning.NodePlan.Nothing;
import io.blockyard.operator.lightning.NodePlan.PublishConnection;
import io.blockyard.operator.lightning.NodePlan.RemintAdminMacaroon;
import io.blockyard.operator.lightning.NodePlan.Step;
import io.blockyard.operator.lightning.NodePlan.UnlockWallet;
import io.blockyard.operator.lightning.NodePlan.Wallet;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan step: from a node's resource and what a pass observed, the one step to take (the first a new node needs:
 * its password Secret, its chain label, its wallet, its admin macaroon, its connection Secret), the status to write
 * and when to look again. The status says what lnd is now, whatever the step: a step still to come waits a pass.
 * Pure: no client, no clock of its own.
 */
final class NodePlanner {
  private final LightningNode node;
  private final LightningNames names;
  private final LightningNodeStatus previous;
  private final long generation;

  NodePlanner(LightningNode node) {
    this.node = node;
    this.names = LightningNames.of(node);
    this.previous = node.getStatus() == null ? new LightningNodeStatus() : node.getStatus();
    this.generation = node.getMetadata().getGeneration() == null ? 0 : node.getMetadata().getGeneration();
  }

  NodePlan plan(NodeObservation observation, Instant now) {
    if (observation.chain().isEmpty()) {
      BackendResolution backend = observation.backend();
      return plan(new Nothing(), new Wallet(false, backend.reason(), backend.message()), seen(observation),
          observation, now);
    }
    String chain = observation.chain().get();
    Step preparation = !observation.walletSecretFound() ? new CreateWalletPassword()
        : !labelled(chain) ? new LabelChain(chain) : null;
    Reading reading = read(observation);
    Step step = preparation != null ? preparation : reading.step();
    if (reading.wallet() == null) {
      // lnd cannot be asked before its admin macaroon is back: the last pass's word stands until then.
      return new NodePlan(step, null, previous, OBSERVE_EVERY);
    }
    return plan(step, reading.wallet(), seen(observation), observation, now);
  }

  /**
   * The status of a pass whose step did not go through: what lnd said (it answered only before the last step), and
   * the failure in the conditions.
   */
  LightningNodeStatus failed(NodeObservation observation, Wallet failure, Instant now) {
    LightningNodeStatus status = seen(observation);
    status.setConditions(conditions(failure, status, previous.getConditions(), generation, now));
    return status;
  }

  private NodePlan plan(Step step, Wallet wallet, LightningNodeStatus status, NodeObservation observation,
      Instant now) {
    status.setConditions(conditions(wallet, status, previous.getConditions(), generation, now));
    // Publishing is the last step: any other may have one behind it, to be taken a pass later.
    boolean settled = (step instanceof Nothing || step instanceof PublishConnection) && status.equals(previous)
        && status.getConditions().stream().allMatch(c -> Conditions.TRUE.equals(c.getStatus()));
    return new NodePlan(step, wallet, status, !settled ? OBSERVE_EVERY
        : observation.eventsLive() ? IDLE_EVERY : IDLE_UNSUBSCRIBED_EVERY);
  }

  /** What lnd's answers call for: the wallet step and the WalletReady material (null: the status stands). */
  private record Reading(Step step, Wallet wallet) {}

  private Reading read(NodeObservation observation) {
    if (observation.podIp().isEmpty()) {
      return nothing(POD_NOT_READY, "waiting for pod " + names.pod() + " to be ready (kubectl describe pod "
          + names.pod() + " -n " + names.namespace() + " says why it is not)");
    }
    if (observation.access().isEmpty() || observation.lnd() instanceof NotAsked) {
      return nothing(SECRETS_MISSING, "waiting for Secrets " + names.tlsSecret() + " and "
          + WalletSecrets.walletSecretName(node));
    }
    NodeObservation.Lnd lnd = observation.lnd();
    if (lnd instanceof Unreachable u) {
      return new Reading(new Nothing(), lndUnreachable(node, u.message()));
    }
    if (lnd instanceof Starting s) {
      return switch (s.state()) {
        case NON_EXISTING -> new Reading(new InitWallet(), new Wallet(false, WALLET_CREATING, "creating the wallet"));
        case LOCKED -> new Reading(new UnlockWallet(), new Wallet(false, WALLET_LOCKED, "unlocking the wallet with "
            + "the password in Secret " + WalletSecrets.walletSecretName(node)));
        default -> nothing(WALLET_STARTING, "lnd is starting (" + s.state() + ")");
      };
    }
    if (lnd instanceof SecretUnreadable r) {
      return new Reading(new Nothing(), secretRefused(r.refusal()));
    }
    if (lnd instanceof NoAdminMacaroon m) {
      // The root key is written before every initwallet of the operator's: without it, the operator made none.
      return m.rootKeyKept() ? new Reading(new RemintAdminMacaroon(), null)
          : new Reading(new Nothing(), notOurs(node, WalletCustody.Sign.NEVER_INITIALISED));
    }
    if (lnd instanceof MacaroonRefused) {
      return new Reading(new Nothing(), notOurs(node, WalletCustody.Sign.MACAROON_REFUSED));
    }
    Answered answered = (Answered) lnd;
    String uri = uri(answered);
    LndAccess access = observation.access().get();
    boolean published = observation.connectionSecret().map(s -> LndConnectionSecret.upToDate(s, node,
        access.tlsCertPem(), uri, access.adminMacaroonHex().orElseThrow())).orElse(false);
    return new Reading(published ? new Nothing() : new PublishConnection(uri), new Wallet(true, WALLET_UNLOCKED,
        "the wallet is unlocked and lnd answers"));
  }

  private static Reading nothing(NodeConditionReason reason, String message) {
    return new Reading(new Nothing(), new Wallet(false, reason, message));
  }

  /** A new status: the chain, and what lnd said when it answered. */
  private LightningNodeStatus seen(NodeObservation observation) {
    LightningNodeStatus status = new LightningNodeStatus();
    status.setObservedGeneration(node.getMetadata().getGeneration());
    status.setChain(observation.chain().orElse(null));
    if (observation.lnd() instanceof Answered a) {
      status.setIdentityPubkey(a.info().identityPubkey());
      status.setUri(uri(a));
      status.setSyncedToChain(a.info().syncedToChain());
      status.setSyncedToGraph(a.info().syncedToGraph());
      status.setBlockHeight(a.info().blockHeight());
      status.setPeers(a.info().numPeers());
      status.setActiveChannels(a.info().numActiveChannels());
      status.setPendingChannels(a.info().numPendingChannels());
      status.setInactiveChannels(a.info().numInactiveChannels());
      status.setOnChainBalanceSat(a.onChain().confirmedSat());
      status.setUnconfirmedBalanceSat(a.onChain().unconfirmedSat());
      status.setChannelLocalBalanceSat(a.channels().localSat());
      status.setChannelRemoteBalanceSat(a.channels().remoteSat());
    }
    return status;
  }

  private String uri(Answered answered) {
    return answered.info().identityPubkey() + "@" + names.podDnsName() + ":" + LndProgram.P2P_PORT;
  }

  private boolean labelled(String chain) {
    var labels = node.getMetadata().getLabels();
    return labels != null && chain.equals(labels.get(LightningNodeReconciler.CHAIN_LABEL));
  }

  /** lnd's wallet is not the operator's: reported (the condition's transition is the Warning Event), never touched. */
  static Wallet notOurs(LightningNode node, WalletCustody.Sign sign) {
    return new Wallet(false, WALLET_NOT_CREATED_BY_OPERATOR, WalletCustody.message(node, sign));
  }

  /** A call to lnd that failed, in lnd's or the client's words. */
  static Wallet lndUnreachable(LightningNode node, String message) {
    return new Wallet(false, LND_UNREACHABLE, "lnd at " + LightningNames.of(node).pod() + ": " + message);
  }

  /** The API server refused to read or write a wallet or connection Secret: its code and reason, never its message. */
  static Wallet secretRefused(ApiRefusal refusal) {
    return new Wallet(false, SECRET_WRITE_FAILED, "writing a wallet or connection Secret failed: " + refusal.answer()
        + "; the operator's ServiceAccount needs create and patch on Secrets");
  }

  static List<Condition> conditions(Wallet wallet, LightningNodeStatus status, List<Condition> previous,
      long generation, Instant now) {
    List<Condition> out = new ArrayList<>();
    boolean synced = wallet.ready() && Boolean.TRUE.equals(status.getSyncedToChain());
    Condition walletReady = Conditions.of(previous, WALLET_READY, wallet.ready(), wallet.reason().reason(),
        wallet.message(), generation, now);
    Condition sync = wallet.ready()
        ? Conditions.of(previous, SYNCED, synced, (synced ? SYNCED_TO_CHAIN : SYNCING).reason(), synced
            ? "lnd is synced to the chain at height " + status.getBlockHeight()
            : "lnd is catching up with the chain (height " + status.getBlockHeight() + "); on regtest, a new block "
                + "makes a stale chain tip recent", generation, now)
        : Conditions.of(previous, SYNCED, Conditions.UNKNOWN, WALLET_NOT_READY.reason(), "lnd cannot say before its "
            + "wallet is unlocked", generation, now);
    out.add(Conditions.of(previous, READY, wallet.ready() && synced,
        (!wallet.ready() ? wallet.reason() : synced ? WALLET_READY_AND_SYNCED : SYNCING).reason(),
        !wallet.ready() ? wallet.message() : sync.getMessage(), generation, now));
    out.add(walletReady);
    out.add(sync);
    return out;
  }
}
