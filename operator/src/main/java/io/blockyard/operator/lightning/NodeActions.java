package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.lightning.NodeObservation.ApiRefusal;
import io.blockyard.operator.lightning.NodePlan.CreateWalletPassword;
import io.blockyard.operator.lightning.NodePlan.InitWallet;
import io.blockyard.operator.lightning.NodePlan.LabelChain;
import io.blockyard.operator.lightning.NodePlan.PublishConnection;
import io.blockyard.operator.lightning.NodePlan.RemintAdminMacaroon;
import io.blockyard.operator.lightning.NodePlan.Step;
import io.blockyard.operator.lightning.NodePlan.UnlockWallet;
import io.blockyard.operator.lightning.NodePlan.Wallet;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.WalletUnlocker;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The act step: carries a {@link NodePlan}'s step out on the cluster and on lnd, and says what came of it. A foreign
 * wallet (see {@link WalletCustody}), a failed lnd call or a refused Secret write is a value in the outcome.
 */
final class NodeActions {
  /**
   * What came of the step.
   *
   * @param failure what the WalletReady condition says instead of the plan's, or null when the step went as planned
   */
  record Outcome(Wallet failure) {
    static final Outcome AS_PLANNED = new Outcome(null);

    boolean asPlanned() {
      return failure == null;
    }
  }

  private final LightningNode node;
  private final Context<LightningNode> context;
  private final KubernetesClient client;
  private final LndClients lndClients;
  private final SecureRandom random;

  NodeActions(LightningNode node, Context<LightningNode> context, LndClients lndClients, SecureRandom random) {
    this.node = node;
    this.context = context;
    this.client = context.getClient();
    this.lndClients = lndClients;
    this.random = random;
  }

  Outcome act(NodePlan plan, NodeObservation observation) {
    Step step = plan.step();
    LndWallet wallet = new LndWallet(client, observation.chain().orElse(null));
    // A refused label or password Secret fails the pass as a refused owned object does: JOSDK retries, and the
    // error status says what the API server answered.
    if (step instanceof LabelChain label) {
      labelChain(label.chain());
      return Outcome.AS_PLANNED;
    }
    if (step instanceof CreateWalletPassword) {
      Secret created = wallet.createPasswordSecret(node, random);
      if (created != null) {
        WatchedSecrets.wrote(context, created, null);
      }
      return Outcome.AS_PLANNED;
    }
    try {
      if (step instanceof InitWallet) {
        return custody(wallet.initWallet(node, unlocker(observation), observation.access().orElseThrow(), random));
      }
      if (step instanceof UnlockWallet) {
        return custody(wallet.unlockWallet(unlocker(observation), observation.access().orElseThrow()));
      }
      if (step instanceof RemintAdminMacaroon) {
        // The root key went from the wallet Secret since the observation: then the operator did not make this wallet.
        return wallet.remintAdminMacaroon(node, random) ? Outcome.AS_PLANNED
            : new Outcome(NodePlanner.notOurs(node, WalletCustody.Sign.NEVER_INITIALISED));
      }
      if (step instanceof PublishConnection publish) {
        publishConnection(observation, publish.uri());
      }
      return Outcome.AS_PLANNED;
    } catch (RpcException | IllegalStateException e) {
      return new Outcome(NodePlanner.lndUnreachable(node, e.getMessage()));
    } catch (KubernetesClientException e) {
      return new Outcome(NodePlanner.secretRefused(ApiRefusal.of(e)));
    }
  }

  /** A wallet step that found the wallet someone else's: reported, nothing changed. */
  private Outcome custody(Optional<WalletCustody.Sign> foreign) {
    return foreign.map(sign -> new Outcome(NodePlanner.notOurs(node, sign))).orElse(Outcome.AS_PLANNED);
  }

  /** The wallet unlocker the observation asked (the one kept for the pod's endpoint). */
  private WalletUnlocker unlocker(NodeObservation observation) {
    return lndClients.unlocker(key(), observation.access().orElseThrow().endpoint(observation.podIp().orElseThrow()));
  }

  private String key() {
    return LndClients.key(node.getMetadata().getNamespace(), node.getMetadata().getName());
  }

  /**
   * The chain as a label: LightningChannels do not name their chain, and the admission policy in deploy/admission
   * refuses spec.fund for channels from nodes labelled with a chain that cannot mine on demand. A merge patch of the
   * label alone, so that nothing else of the resource is touched.
   */
  private void labelChain(String chain) {
    client.resources(LightningNode.class).inNamespace(node.getMetadata().getNamespace())
        .withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\""
            + LightningNodeReconciler.CHAIN_LABEL + "\":\"" + chain + "\"}}}");
  }

  /** The connection Secret with the admin macaroon of the wallet Secret; the readonly and invoice ones baked once. */
  private void publishConnection(NodeObservation observation, String uri) {
    LightningNames names = LightningNames.of(node);
    LndAccess access = observation.access().orElseThrow();
    LndNode lnd = lndClients.admin(key()).orElseThrow(() -> new IllegalStateException(
        "its admin client was closed meanwhile; looking again"));
    Secret existing = observation.connectionSecret().orElse(null);
    String readonly = LndConnectionSecret.macaroonHex(existing, LndConnectionSecret.READONLY_KEY)
        .orElseGet(() -> lnd.bakeMacaroon(LndNode.READONLY_PERMISSIONS));
    String invoice = LndConnectionSecret.macaroonHex(existing, LndConnectionSecret.INVOICE_KEY)
        .orElseGet(() -> lnd.bakeMacaroon(LndNode.INVOICE_PERMISSIONS));
    Secret desired = LndConnectionSecret.desired(node, access.tlsCertPem(), uri,
        access.adminMacaroonHex().orElseThrow(), readonly, invoice);
    WatchedSecrets.wrote(context, client.secrets().inNamespace(names.namespace()).resource(desired)
        .forceConflicts().serverSideApply(), existing);
  }
}
