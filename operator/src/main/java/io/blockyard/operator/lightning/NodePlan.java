package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.api.lightning.NodeConditionReason;
import java.time.Duration;

/**
 * What a pass does to a Lightning node, decided from an observation alone (see {@link NodePlanner}).
 *
 * @param step the one step to take
 * @param wallet what the WalletReady condition says if the step goes as planned; null while the last pass's status
 *     stands (the admin macaroon is being made again, so lnd could not be asked)
 * @param status the status to write if the step goes as planned
 * @param observeAgain when to look at the node again if nothing else wakes the reconciler
 */
record NodePlan(Step step, Wallet wallet, LightningNodeStatus status, Duration observeAgain) {

  /** How far the node got: the WalletReady condition's material. */
  record Wallet(boolean ready, NodeConditionReason reason, String message) {}

  /** A step on the cluster or on lnd, in the order a new node needs them. */
  sealed interface Step {}

  /** Nothing to do but report. */
  record Nothing() implements Step {}

  /** Create the wallet password Secret, which lnd's pod waits for; an existing one is never replaced. */
  record CreateWalletPassword() implements Step {}

  /** Label the node with its chain, for the admission policy of channels (see deploy/admission). */
  record LabelChain(String chain) implements Step {}

  /** Create lnd's wallet from the seed Secret, or from a fresh seed written there first. */
  record InitWallet() implements Step {}

  /** Unlock lnd's wallet with the password in the wallet Secret. */
  record UnlockWallet() implements Step {}

  /** Make the admin macaroon again from the wallet's root key: it never reached the wallet Secret. */
  record RemintAdminMacaroon() implements Step {}

  /** Write the connection Secret (baking the readonly and invoice macaroons it lacks); the last step of a node. */
  record PublishConnection(String uri) implements Step {}
}
