package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeSpec;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.api.lightning.NodeConditionReason;
import io.blockyard.operator.SecretValues;
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
import io.blockyard.operator.lightning.NodePlan.UnlockWallet;
import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.WalletBalance;
import io.blockyard.rpc.lnd.WalletState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan step alone: a node and what a pass saw in, the step, the status and the next look out; no cluster. */
class NodePlannerTest {
  static final Instant NOW = Instant.parse("2026-12-01T16:00:00Z");
  static final String PUBKEY = "03" + "a".repeat(64);
  static final String PASSWORD = "pw-" + "p".repeat(40);
  static final String ADMIN_HEX = "0201" + "ad".repeat(40);
  static final String ROOT_KEY_HEX = "5e".repeat(32);
  static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  static final String URI = PUBKEY + "@alice-lnd-0.alice-lnd.ns.svc.cluster.local:9735";

  // --- the world a pass sees ---

  static LightningNode node(boolean labelled) {
    LightningNode node = new LightningNode();
    node.setMetadata(new ObjectMetaBuilder().withName("alice").withNamespace("ns").withUid("uid-a")
        .withGeneration(2L).withLabels(labelled ? Map.of(LightningNodeReconciler.CHAIN_LABEL, "regtest") : Map.of())
        .build());
    LightningNodeSpec spec = new LightningNodeSpec();
    spec.setNetwork("chain");
    node.setSpec(spec);
    return node;
  }

  static BackendResolution backend() {
    return new BackendResolution(Optional.of(new ChainBackend(Implementation.BTCD, Chain.REGTEST, List.of(), null,
        null, "chain")), Optional.empty(), null, "chain backend: BitcoinNetwork chain (btcd, regtest)");
  }

  static Secret secret(String name, Map<String, String> text) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
        .withData(SecretValues.data(text)).build();
  }

  /** The TLS and wallet Secrets; the wallet one with the admin macaroon and root key when asked. */
  static Optional<LndAccess> access(LightningNode node, boolean admin, boolean rootKey) {
    Map<String, String> wallet = new HashMap<>(Map.of(WalletSecrets.PASSWORD_KEY, PASSWORD));
    if (admin) {
      wallet.put(WalletSecrets.ADMIN_MACAROON_KEY, ADMIN_HEX);
    }
    if (rootKey) {
      wallet.put(WalletSecrets.MACAROON_ROOT_KEY_KEY, ROOT_KEY_HEX);
    }
    Map<String, Secret> secrets = Map.of("alice-lnd-tls", secret("alice-lnd-tls", Map.of(LndTlsSecret.CERT_KEY, CERT)),
        "alice-lnd-wallet", secret("alice-lnd-wallet", wallet));
    assertThat(LightningNames.of(node).tlsSecret()).isEqualTo("alice-lnd-tls");
    return LndAccess.read(node, name -> Optional.ofNullable(secrets.get(name)));
  }

  static Answered answered(boolean synced) {
    return new Answered(new NodeInfo(PUBKEY, "alice", "#000000", synced, true, 205, 1, 2, 0, 0, List.of()),
        new WalletBalance(90_000, 10), new ChannelBalance(40_000, 60_000));
  }

  /** The connection Secret as the operator writes it for the observation's access and URI. */
  static Secret connection(LightningNode node) {
    return LndConnectionSecret.desired(node, CERT, URI, ADMIN_HEX, "0201" + "cc".repeat(20), "0201" + "dd".repeat(20));
  }

  /** A pass's observation, built up by the test: by default a ready node with everything in place. */
  static final class Seen {
    LightningNode node = node(true);
    BackendResolution backend = backend();
    boolean walletSecretFound = true;
    Optional<String> podIp = Optional.of("10.213.25.7");
    Optional<LndAccess> access = access(node, true, true);
    NodeObservation.Lnd lnd = answered(true);
    Optional<Secret> connection = Optional.of(connection(node));
    boolean eventsLive = true;

    NodeObservation observation() {
      return new NodeObservation(backend, walletSecretFound, podIp, access, lnd, connection, eventsLive);
    }

    NodePlan plan() {
      return new NodePlanner(node).plan(observation(), NOW);
    }
  }

  static Condition condition(LightningNodeStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  static void assertWallet(NodePlan plan, boolean ready, NodeConditionReason reason, String message) {
    Condition wallet = condition(plan.status(), LightningNodeReconciler.WALLET_READY);
    assertThat(wallet.getStatus()).isEqualTo(ready ? "True" : "False");
    assertThat(wallet.getReason()).isEqualTo(reason.reason());
    assertThat(wallet.getMessage()).isEqualTo(message);
    if (!ready) {
      Condition overall = condition(plan.status(), LightningNodeReconciler.READY);
      assertThat(overall.getStatus()).isEqualTo("False");
      assertThat(overall.getReason()).isEqualTo(reason.reason());
      assertThat(overall.getMessage()).isEqualTo(message);
      Condition synced = condition(plan.status(), LightningNodeReconciler.SYNCED);
      assertThat(synced.getStatus()).isEqualTo("Unknown");
      assertThat(synced.getReason()).isEqualTo("WalletNotReady");
    }
  }

  // --- a new node, step by step ---

  @Test
  void aNodeWithoutItsBackendSaysWhatIsMissingAndDoesNothing() {
    Seen seen = new Seen();
    seen.backend = new BackendResolution(Optional.empty(), Optional.empty(), NodeConditionReason.NETWORK_NOT_FOUND,
        "BitcoinNetwork \"chain\" does not exist in namespace ns");
    seen.lnd = new NotAsked();
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new Nothing());
    assertWallet(plan, false, NodeConditionReason.NETWORK_NOT_FOUND,
        "BitcoinNetwork \"chain\" does not exist in namespace ns");
    assertThat(plan.status().getChain()).isNull();
    assertThat(plan.status().getObservedGeneration()).isEqualTo(2L);
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.OBSERVE_EVERY);
  }

  @Test
  void aNewNodeFirstGetsItsPasswordSecretThenItsChainLabel() {
    Seen seen = new Seen();
    seen.node = node(false);
    seen.walletSecretFound = false;
    seen.podIp = Optional.empty();
    seen.access = Optional.empty();
    seen.lnd = new NotAsked();
    seen.connection = Optional.empty();
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new CreateWalletPassword());
    assertWallet(plan, false, NodeConditionReason.POD_NOT_READY, "waiting for pod alice-lnd-0 to be ready (kubectl "
        + "describe pod alice-lnd-0 -n ns says why it is not)");
    assertThat(plan.status().getChain()).isEqualTo("regtest");

    seen.walletSecretFound = true;
    assertThat(seen.plan().step()).isEqualTo(new LabelChain("regtest"));
    seen.node = node(true);
    assertThat(seen.plan().step()).isEqualTo(new Nothing());
  }

  @Test
  void aReadyPodWithoutItsSecretsWaitsForThem() {
    Seen seen = new Seen();
    seen.access = Optional.empty();
    seen.lnd = new NotAsked();
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new Nothing());
    assertWallet(plan, false, NodeConditionReason.SECRETS_MISSING,
        "waiting for Secrets alice-lnd-tls and alice-lnd-wallet");
  }

  @Test
  void aWalletThatDoesNotExistIsCreatedAndOneThatIsLockedUnlocked() {
    Seen seen = new Seen();
    seen.lnd = new Starting(WalletState.NON_EXISTING);
    NodePlan plan = seen.plan();
    assertThat(plan.step()).isEqualTo(new InitWallet());
    assertWallet(plan, false, NodeConditionReason.WALLET_CREATING, "creating the wallet");
    assertThat(plan.status().getIdentityPubkey()).isNull();

    seen.lnd = new Starting(WalletState.LOCKED);
    plan = seen.plan();
    assertThat(plan.step()).isEqualTo(new UnlockWallet());
    assertWallet(plan, false, NodeConditionReason.WALLET_LOCKED,
        "unlocking the wallet with the password in Secret alice-lnd-wallet");

    seen.lnd = new Starting(WalletState.UNLOCKED);
    plan = seen.plan();
    assertThat(plan.step()).isEqualTo(new Nothing());
    assertWallet(plan, false, NodeConditionReason.WALLET_STARTING, "lnd is starting (UNLOCKED)");
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.OBSERVE_EVERY);
  }

  @Test
  void aMissingChainLabelComesBeforeTheWalletStepWhichWaitsAPassWhileStatusSaysWhereTheWalletIs() {
    Seen seen = new Seen();
    seen.node = node(false);
    seen.lnd = new Starting(WalletState.NON_EXISTING);
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new LabelChain("regtest"));
    assertWallet(plan, false, NodeConditionReason.WALLET_CREATING, "creating the wallet");
  }

  @Test
  void anUnlockedWalletWithLndAnsweringPublishesTheConnectionSecretAndReportsWhatLndSaid() {
    Seen seen = new Seen();
    seen.connection = Optional.empty();
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new PublishConnection(URI));
    assertWallet(plan, true, NodeConditionReason.WALLET_UNLOCKED, "the wallet is unlocked and lnd answers");
    LightningNodeStatus status = plan.status();
    assertThat(status.getIdentityPubkey()).isEqualTo(PUBKEY);
    assertThat(status.getUri()).isEqualTo(URI);
    assertThat(status.getBlockHeight()).isEqualTo(205L);
    assertThat(status.getActiveChannels()).isEqualTo(2);
    assertThat(status.getOnChainBalanceSat()).isEqualTo(90_000L);
    assertThat(status.getUnconfirmedBalanceSat()).isEqualTo(10L);
    assertThat(status.getChannelLocalBalanceSat()).isEqualTo(40_000L);
    assertThat(status.getChannelRemoteBalanceSat()).isEqualTo(60_000L);
    Condition ready = condition(status, LightningNodeReconciler.READY);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("WalletReadyAndSynced");
    assertThat(ready.getMessage()).isEqualTo("lnd is synced to the chain at height 205");
    assertThat(condition(status, LightningNodeReconciler.SYNCED).getReason()).isEqualTo("SyncedToChain");
    assertThat(condition(status, LightningNodeReconciler.SYNCED).getLastTransitionTime()).isEqualTo(NOW.toString());
  }

  @Test
  void aConnectionSecretThatLacksABakedMacaroonOrDiffersIsWrittenAgain() {
    Seen seen = new Seen();
    Secret withoutInvoice = connection(seen.node);
    withoutInvoice.getData().remove(LndConnectionSecret.INVOICE_KEY);
    seen.connection = Optional.of(withoutInvoice);
    assertThat(seen.plan().step()).isEqualTo(new PublishConnection(URI));

    Secret otherCert = LndConnectionSecret.desired(seen.node, "another certificate", URI, ADMIN_HEX,
        "0201" + "cc".repeat(20), "0201" + "dd".repeat(20));
    seen.connection = Optional.of(otherCert);
    assertThat(seen.plan().step()).isEqualTo(new PublishConnection(URI));
  }

  @Test
  void aSyncingNodeIsNotReadyAndLookedAtAgainSoon() {
    Seen seen = new Seen();
    seen.lnd = answered(false);
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new Nothing());
    Condition ready = condition(plan.status(), LightningNodeReconciler.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("Syncing");
    assertThat(ready.getMessage()).isEqualTo("lnd is catching up with the chain (height 205); on regtest, a new "
        + "block makes a stale chain tip recent");
    assertThat(condition(plan.status(), LightningNodeReconciler.WALLET_READY).getStatus()).isEqualTo("True");
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.OBSERVE_EVERY);
  }

  // --- settled ---

  @Test
  void aSettledNodeIsLookedAtAgainOnlyAsASafetyNetLongerWithoutItsEventStreams() {
    Seen seen = new Seen();
    seen.node.setStatus(seen.plan().status());
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new Nothing());
    assertThat(plan.status()).isEqualTo(seen.node.getStatus());
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.IDLE_EVERY);
    seen.eventsLive = false;
    assertThat(seen.plan().observeAgain()).isEqualTo(LightningNodeReconciler.IDLE_UNSUBSCRIBED_EVERY);
  }

  @Test
  void aChangeInWhatLndSaysIsNotSettledAndATransitionKeepsNoOldTime() {
    Seen seen = new Seen();
    LightningNodeStatus before = new Seen().plan().status();
    seen.node.setStatus(before);
    seen.lnd = new Answered(answered(true).info(), new WalletBalance(80_000, 0), new ChannelBalance(40_000, 60_000));
    NodePlan plan = new NodePlanner(seen.node).plan(seen.observation(), NOW.plusSeconds(60));

    assertThat(plan.status().getOnChainBalanceSat()).isEqualTo(80_000L);
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.OBSERVE_EVERY);
    assertThat(condition(plan.status(), LightningNodeReconciler.READY).getLastTransitionTime())
        .as("still ready: the transition time stays").isEqualTo(NOW.toString());
  }

  @Test
  void aLabelStepOnASettledNodeLooksAgainSoonForAnyStepBehindIt() {
    Seen seen = new Seen();
    seen.node.setStatus(seen.plan().status());
    seen.node.getMetadata().setLabels(Map.of());
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new LabelChain("regtest"));
    assertThat(plan.status()).isEqualTo(seen.node.getStatus());
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.OBSERVE_EVERY);
  }

  // --- trouble ---

  @Test
  void lndThatDoesNotAnswerIsReportedWithItsWords() {
    Seen seen = new Seen();
    seen.lnd = new Unreachable("timed out after 10 s");
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new Nothing());
    assertWallet(plan, false, NodeConditionReason.LND_UNREACHABLE, "lnd at alice-lnd-0: timed out after 10 s");
    assertThat(plan.status().getIdentityPubkey()).isNull();
  }

  @Test
  void aRefusedReadOfTheWalletSecretSaysTheCodeAndReasonOnly() {
    Seen seen = new Seen();
    seen.lnd = new SecretUnreadable(new ApiRefusal(403, "Forbidden"));
    assertWallet(seen.plan(), false, NodeConditionReason.SECRET_WRITE_FAILED, "writing a wallet or connection "
        + "Secret failed: the Kubernetes API answered 403 Forbidden; the operator's ServiceAccount needs create and "
        + "patch on Secrets");
    seen.lnd = new SecretUnreadable(new ApiRefusal(500, null));
    assertThat(condition(seen.plan().status(), LightningNodeReconciler.WALLET_READY).getMessage())
        .contains("answered 500; the operator's");
  }

  @Test
  void aLostAdminMacaroonIsMadeAgainFromTheRootKeyWhileTheLastStatusStands() {
    Seen seen = new Seen();
    LightningNodeStatus before = seen.plan().status();
    seen.node.setStatus(before);
    seen.access = access(seen.node, false, true);
    seen.lnd = new NoAdminMacaroon(true);
    seen.connection = Optional.empty();
    NodePlan plan = seen.plan();

    assertThat(plan.step()).isEqualTo(new RemintAdminMacaroon());
    assertThat(plan.wallet()).isNull();
    assertThat(plan.status()).isSameAs(before);
    assertThat(plan.observeAgain()).isEqualTo(LightningNodeReconciler.OBSERVE_EVERY);
  }

  @Test
  void aWalletTheOperatorDidNotMakeIsReportedAndNeverTouched() {
    Seen seen = new Seen();
    seen.access = access(seen.node, false, false);
    seen.lnd = new NoAdminMacaroon(false);
    NodePlan plan = seen.plan();
    assertThat(plan.step()).isEqualTo(new Nothing());
    assertWallet(plan, false, NodeConditionReason.WALLET_NOT_CREATED_BY_OPERATOR,
        WalletCustody.message(seen.node, WalletCustody.Sign.NEVER_INITIALISED));

    seen.access = access(seen.node, true, true);
    seen.lnd = new MacaroonRefused();
    plan = seen.plan();
    assertThat(plan.step()).isEqualTo(new Nothing());
    assertWallet(plan, false, NodeConditionReason.WALLET_NOT_CREATED_BY_OPERATOR,
        WalletCustody.message(seen.node, WalletCustody.Sign.MACAROON_REFUSED));
    assertThat(WalletCustody.NOT_OURS).isEqualTo("WalletNotCreatedByOperator");
  }

  @Test
  void aFailedStepReplacesThePlannedWalletConditionAndKeepsWhatLndSaidBeforeIt() {
    Seen seen = new Seen();
    seen.connection = Optional.empty();
    NodePlanner planner = new NodePlanner(seen.node);
    LightningNodeStatus status = planner.failed(seen.observation(),
        NodePlanner.secretRefused(new ApiRefusal(403, "Forbidden")), NOW);

    assertThat(status.getIdentityPubkey()).isEqualTo(PUBKEY);
    assertThat(condition(status, LightningNodeReconciler.WALLET_READY).getReason()).isEqualTo("SecretWriteFailed");
    assertThat(condition(status, LightningNodeReconciler.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, LightningNodeReconciler.SYNCED).getStatus()).isEqualTo("Unknown");

    seen.lnd = new Starting(WalletState.NON_EXISTING);
    status = planner.failed(seen.observation(), NodePlanner.notOurs(seen.node, WalletCustody.Sign.CREATED_FIRST),
        NOW);
    assertThat(status.getIdentityPubkey()).isNull();
    assertThat(status.getChain()).isEqualTo("regtest");
    assertThat(condition(status, LightningNodeReconciler.READY).getReason()).isEqualTo("WalletNotCreatedByOperator");
  }

  @Test
  void noPasswordOrMacaroonShowsInTheObservationThePlanOrTheStatus() {
    Seen seen = new Seen();
    seen.connection = Optional.empty();
    NodePlan plan = seen.plan();
    String connectionText = connection(seen.node).toString();
    assertThat(connectionText).as("the fixture holds the macaroon").contains(
        connection(seen.node).getData().get(LndConnectionSecret.ADMIN_KEY));

    seen.connection = Optional.of(connection(seen.node));
    for (String text : List.of(seen.observation().toString(), plan.toString(), plan.status().toString())) {
      assertThat(text).doesNotContain(PASSWORD).doesNotContain(ADMIN_HEX).doesNotContain(ROOT_KEY_HEX)
          .doesNotContain(connection(seen.node).getData().get(LndConnectionSecret.ADMIN_KEY));
    }
  }
}
