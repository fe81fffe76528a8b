package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.api.lightning.LightningNodeStatus;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.Events;
import io.blockyard.operator.Pods;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.lightning.dependent.CanStartLnd;
import io.blockyard.operator.lightning.dependent.LndNetworkPolicyDependent;
import io.blockyard.operator.lightning.dependent.LndServiceDependent;
import io.blockyard.operator.lightning.dependent.LndStatefulSetDependent;
import io.blockyard.operator.lightning.dependent.LndTlsSecretDependent;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.WalletBalance;
import io.blockyard.rpc.lnd.WalletState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.blockyard.operator.ReconcileFailure;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a LightningNode true: its certificate, Service and StatefulSet (dependents below), then lnd itself over REST:
 * the wallet (created, restored or unlocked), the connection Secret, and status with what lnd reports.
 */
@Workflow(dependents = {
    @Dependent(name = "tls", type = LndTlsSecretDependent.class, useEventSourceWithName = WatchedSecrets.OWN),
    @Dependent(name = "service", type = LndServiceDependent.class),
    // lnd answers initwallet to whoever calls first: it starts only once its NetworkPolicy exists.
    @Dependent(name = "policy", type = LndNetworkPolicyDependent.class),
    @Dependent(name = "lnd", type = LndStatefulSetDependent.class, dependsOn = {"tls", "service", "policy"},
        reconcilePrecondition = CanStartLnd.class)})
@ControllerConfiguration(name = "lightningnode")
public class LightningNodeReconciler implements Reconciler<LightningNode> {
  private static final Logger LOG = LoggerFactory.getLogger(LightningNodeReconciler.class);
  public static final String READY = "Ready";
  public static final String CHAIN_LABEL = "blockyard.io/chain";
  public static final String WALLET_READY = "WalletReady";
  public static final String SYNCED = "Synced";
  static final Duration OBSERVE_EVERY = Duration.ofSeconds(3);
  /**
   * How soon a node is looked at again once it is ready and stays so, a safety net: lnd's own events (channels, HTLCs,
   * peers, wallet transactions), its network's new blocks and its pod's changes wake it at once.
   */
  static final Duration IDLE_EVERY = Duration.ofMinutes(5);
  /** The same for a node whose event streams do not answer (yet): it is polled as before them. */
  static final Duration IDLE_UNSUBSCRIBED_EVERY = Duration.ofSeconds(30);

  static final String NETWORKS = "networks";
  private static final String NETWORK_INDEX = "network";

  private final SecureRandom random = new SecureRandom();
  private final LndClients lndClients;

  /** @param lndClients the lnd clients, shared with the channel reconciler */
  public LightningNodeReconciler(LndClients lndClients) {
    this.lndClients = lndClients;
  }

  @Override
  public List<EventSource<?, LightningNode>> prepareEventSources(EventSourceContext<LightningNode> context) {
    var pods = InformerEventSourceConfiguration.from(Pod.class, LightningNode.class)
        .withName("lightning-node-pods")
        .withLabelSelector(LightningNames.OWN_SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> {
          String node = pod.getMetadata().getLabels().get(LightningNames.NODE_LABEL);
          return node == null ? Set.of() : Set.of(new ResourceID(node, pod.getMetadata().getNamespace()));
        })
        .build();
    // The bound network from a watched cache: its changes (a new node 0, a new block) wake its Lightning nodes.
    var nodes = context.getPrimaryCache();
    nodes.addIndexer(NETWORK_INDEX, n -> n.getSpec().getNetwork() == null ? List.of()
        : List.of(n.getMetadata().getNamespace() + "/" + n.getSpec().getNetwork()));
    var networks = InformerEventSourceConfiguration.from(BitcoinNetwork.class, LightningNode.class)
        .withName(NETWORKS)
        .withSecondaryToPrimaryMapper(network -> nodes.byIndex(NETWORK_INDEX, network.getMetadata().getNamespace()
            + "/" + network.getMetadata().getName()).stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((LightningNode n) -> n.getSpec().getNetwork() == null ? Set.of()
            : Set.of(new ResourceID(n.getSpec().getNetwork(), n.getMetadata().getNamespace())))
        .build();
    return List.of(new InformerEventSource<>(pods, context), new InformerEventSource<>(networks, context),
        WatchedSecrets.own(context, LightningNode.class, LightningNames.OWN_SELECTOR, LightningNames.NODE_LABEL),
        WatchedSecrets.referenced(context, LightningNode.class, LightningNodeReconciler::referencedSecrets),
        lndClients.events().nodeEvents());
  }

  /** The user's Secrets a node names: an external backend's, a wallet password or seed of their own. */
  static Set<String> referencedSecrets(LightningNode node) {
    Set<String> names = new HashSet<>();
    if (node.getSpec().getExternalBackend() != null && node.getSpec().getExternalBackend().getSecret() != null) {
      names.add(node.getSpec().getExternalBackend().getSecret());
    }
    names.add(WalletSecrets.walletSecretName(node));
    names.add(WalletSecrets.seedSecretName(node));
    return names;
  }

  /** A failed owned object or step: Ready=False saying what failed and what to do, and a Warning event. */
  @Override
  public ErrorStatusUpdateControl<LightningNode> updateErrorStatus(LightningNode node, Context<LightningNode> context, Exception e) {
    return ReconcileFailure.errorStatus(node, context, e, LightningNode::new, LightningNodeStatus::new);
  }

  @Override
  public UpdateControl<LightningNode> reconcile(LightningNode node, Context<LightningNode> context) {
    KubernetesClient client = context.getClient();
    LightningNames names = LightningNames.of(node);
    LightningNodeStatus previous = node.getStatus() == null ? new LightningNodeStatus() : node.getStatus();
    LightningNodeStatus status = new LightningNodeStatus();
    status.setObservedGeneration(node.getMetadata().getGeneration());
    Phase phase = observe(node, context, client, names, status);
    String key = LndClients.key(names.namespace(), names.node());
    if (!phase.walletReady()) {
      lndClients.forgetAdmin(key);
    }
    lndClients.retainNodes(context.getPrimaryCache().list()
        .map(n -> LndClients.key(n.getMetadata().getNamespace(), n.getMetadata().getName())).toList());
    status.setConditions(conditions(phase, status, previous.getConditions(), node.getMetadata().getGeneration()));
    new Events(client).announceTransitions(node, previous.getConditions(), status.getConditions());

    UpdateControl<LightningNode> control;
    if (status.equals(previous)) {
      control = UpdateControl.noUpdate();
    } else {
      LightningNode patch = new LightningNode();
      patch.setMetadata(new ObjectMetaBuilder().withName(names.node()).withNamespace(names.namespace()).build());
      patch.setStatus(status);
      control = UpdateControl.patchStatus(patch);
    }
    boolean settled = status.equals(previous)
        && status.getConditions().stream().allMatch(c -> Conditions.TRUE.equals(c.getStatus()));
    return control.rescheduleAfter(!settled ? OBSERVE_EVERY
        : lndClients.events().live(key) ? IDLE_EVERY : IDLE_UNSUBSCRIBED_EVERY);
  }

  /** How far the node got this pass: the WalletReady condition's material. */
  record Phase(boolean walletReady, String reason, String message) {}

  private Phase observe(LightningNode node, Context<LightningNode> context, KubernetesClient client,
      LightningNames names, LightningNodeStatus status) {
    BackendResolution backend = BackendResolution.of(node, context);
    if (backend.backend().isEmpty()) {
      return new Phase(false, backend.reason(), backend.message());
    }
    String chain = backend.backend().get().chain().name().toLowerCase();
    status.setChain(chain);
    labelChain(node, client, chain);
    LndWallet wallet = new LndWallet(client, chain);
    if (WatchedSecrets.find(context, names.namespace(), WalletSecrets.walletSecretName(node)).isEmpty()) {
      Secret created = wallet.createPasswordSecret(node, random);
      if (created != null) {
        WatchedSecrets.wrote(context, created, null);
      }
    }
    String key = LndClients.key(names.namespace(), names.node());

    Optional<Pod> pod = context.getSecondaryResources(Pod.class).stream()
        .filter(p -> p.getMetadata().getName().equals(names.pod()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst();
    if (pod.isEmpty() || !Pods.isReady(pod.get()) || pod.get().getStatus().getPodIP() == null) {
      return new Phase(false, "PodNotReady", "waiting for pod " + names.pod() + " to be ready (kubectl describe pod "
          + names.pod() + " -n " + names.namespace() + " says why it is not)");
    }
    Optional<LndAccess> access = LndAccess.read(context, node);
    if (access.isEmpty()) {
      return new Phase(false, "SecretsMissing", "waiting for Secrets " + names.tlsSecret() + " and "
          + WalletSecrets.walletSecretName(node));
    }
    String ip = pod.get().getStatus().getPodIP();
    try {
      WalletState state = wallet.step(node, lndClients.unlocker(key, access.get().endpoint(ip)), access.get(),
          random);
      if (!state.rpcReady()) {
        return new Phase(false, switch (state) {
          case NON_EXISTING -> "WalletCreating";
          case LOCKED -> "WalletLocked";
          default -> "WalletStarting";
        }, switch (state) {
          case NON_EXISTING -> "creating the wallet";
          case LOCKED -> "unlocking the wallet with the password in Secret " + WalletSecrets.walletSecretName(node);
          default -> "lnd is starting (" + state + ")";
        });
      }
      if (access.get().adminMacaroonHex().isEmpty()) {
        // The admin macaroon arrives with the wallet, just written: the cache may not have it yet.
        access = LndAccess.read(node, n -> Optional.ofNullable(client.secrets().inNamespace(names.namespace())
            .withName(n).get()));
      }
      if (access.flatMap(LndAccess::adminMacaroonHex).isEmpty() && wallet.remintAdminMacaroon(node, random)) {
        // Lost between initwallet and storing it: made again from the root key, just written.
        access = LndAccess.read(node, n -> Optional.ofNullable(client.secrets().inNamespace(names.namespace())
            .withName(n).get()));
      }
      Optional<LndEndpoint> admin = access.flatMap(a -> a.adminEndpoint(ip));
      if (admin.isEmpty()) {
        // The root key is written before every initwallet of the operator's: without it, the operator made none.
        return notOurs(node, WalletCustody.Sign.NEVER_INITIALISED);
      }
      LndNode lnd = lndClients.admin(key, admin.get());
      NodeInfo info;
      try {
        info = lnd.getInfo();
      } catch (LndErrorException e) {
        if (WalletCustody.macaroonRefused(e)) {
          return notOurs(node, WalletCustody.Sign.MACAROON_REFUSED);
        }
        throw e;
      }
      // From here on lnd tells of its changes itself; opened once, kept while the endpoint stays the same.
      lndClients.events().keep(key, lnd.endpoint());
      WalletBalance onChain = lnd.walletBalance();
      ChannelBalance channels = lnd.channelBalance();
      String uri = info.identityPubkey() + "@" + names.podDnsName() + ":" + LndProgram.P2P_PORT;
      status.setIdentityPubkey(info.identityPubkey());
      status.setUri(uri);
      status.setSyncedToChain(info.syncedToChain());
      status.setSyncedToGraph(info.syncedToGraph());
      status.setBlockHeight(info.blockHeight());
      status.setPeers(info.numPeers());
      status.setActiveChannels(info.numActiveChannels());
      status.setPendingChannels(info.numPendingChannels());
      status.setInactiveChannels(info.numInactiveChannels());
      status.setOnChainBalanceSat(onChain.confirmedSat());
      status.setUnconfirmedBalanceSat(onChain.unconfirmedSat());
      status.setChannelLocalBalanceSat(channels.localSat());
      status.setChannelRemoteBalanceSat(channels.remoteSat());
      publishConnection(node, context, lnd, access.get(), uri);
      return new Phase(true, "WalletUnlocked", "the wallet is unlocked and lnd answers");
    } catch (WalletCustody.ForeignWalletException e) {
      return notOurs(node, e.sign());
    } catch (RpcException | IllegalStateException e) {
      LOG.warn("{}/{}: {}", names.namespace(), names.node(), e.getMessage());
      return new Phase(false, "LndUnreachable", "lnd at " + names.pod() + ": " + e.getMessage());
    } catch (KubernetesClientException e) {
      // Only code and reason: the API server's message about a Secret may quote its values.
      String answer = "the Kubernetes API answered " + e.getCode()
          + (e.getStatus() != null && e.getStatus().getReason() != null ? " " + e.getStatus().getReason() : "");
      LOG.warn("{}/{}: writing a wallet or connection Secret failed: {}", names.namespace(), names.node(), answer);
      return new Phase(false, "SecretWriteFailed", "writing a wallet or connection Secret failed: " + answer
          + "; the operator's ServiceAccount needs create and patch on Secrets");
    }
  }

  /** lnd's wallet is not the operator's: reported (the condition's transition is the Warning Event), nothing changed. */
  private static Phase notOurs(LightningNode node, WalletCustody.Sign sign) {
    LOG.warn("{}/{}: wallet not created by the operator ({})", node.getMetadata().getNamespace(),
        node.getMetadata().getName(), sign);
    return new Phase(false, WalletCustody.NOT_OURS, WalletCustody.message(node, sign));
  }

  /**
   * The chain as a label: LightningChannels do not name their chain, and the admission policy in deploy/admission
   * refuses spec.fund for channels from nodes labelled with a chain that cannot mine on demand. A merge patch of the
   * label alone, so that nothing else of the resource is touched.
   */
  private static void labelChain(LightningNode node, KubernetesClient client, String chain) {
    var labels = node.getMetadata().getLabels();
    if (labels != null && chain.equals(labels.get(CHAIN_LABEL))) {
      return;
    }
    client.resources(LightningNode.class).inNamespace(node.getMetadata().getNamespace())
        .withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + CHAIN_LABEL + "\":\""
            + chain + "\"}}}");
  }

  /** The connection Secret, written when it is missing or differs; the extra macaroons are baked once. */
  private void publishConnection(LightningNode node, Context<LightningNode> context, LndNode lnd, LndAccess access,
      String uri) {
    LightningNames names = LightningNames.of(node);
    KubernetesClient client = context.getClient();
    Secret existing = WatchedSecrets.find(context, names.namespace(), names.connectionSecret()).orElse(null);
    String readonly = existingHex(existing, LndConnectionSecret.READONLY_KEY);
    String invoice = existingHex(existing, LndConnectionSecret.INVOICE_KEY);
    if (readonly == null) {
      readonly = lnd.bakeMacaroon(LndNode.READONLY_PERMISSIONS);
    }
    if (invoice == null) {
      invoice = lnd.bakeMacaroon(LndNode.INVOICE_PERMISSIONS);
    }
    Secret desired = LndConnectionSecret.desired(node, access.tlsCertPem(), uri, access.adminMacaroonHex().orElseThrow(),
        readonly, invoice);
    if (existing == null || !Objects.equals(existing.getData(), desired.getData())) {
      WatchedSecrets.wrote(context, client.secrets().inNamespace(names.namespace()).resource(desired)
          .forceConflicts().serverSideApply(), existing);
    }
  }

  private static String existingHex(Secret secret, String key) {
    if (secret == null || secret.getData() == null || secret.getData().get(key) == null) {
      return null;
    }
    return java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(secret.getData().get(key)));
  }

  static List<Condition> conditions(Phase phase, LightningNodeStatus status, List<Condition> previous,
      long generation) {
    Instant now = Instant.now();
    List<Condition> out = new ArrayList<>();
    boolean synced = phase.walletReady() && Boolean.TRUE.equals(status.getSyncedToChain());
    Condition wallet = Conditions.of(previous, WALLET_READY, phase.walletReady(), phase.reason(), phase.message(),
        generation, now);
    Condition sync = phase.walletReady()
        ? Conditions.of(previous, SYNCED, synced, synced ? "SyncedToChain" : "Syncing", synced
            ? "lnd is synced to the chain at height " + status.getBlockHeight()
            : "lnd is catching up with the chain (height " + status.getBlockHeight() + "); on regtest, a new block "
                + "makes a stale chain tip recent", generation, now)
        : Conditions.of(previous, SYNCED, Conditions.UNKNOWN, "WalletNotReady", "lnd cannot say before its wallet "
            + "is unlocked", generation, now);
    out.add(Conditions.of(previous, READY, phase.walletReady() && synced,
        !phase.walletReady() ? phase.reason() : synced ? "WalletReadyAndSynced" : "Syncing",
        !phase.walletReady() ? phase.message() : sync.getMessage(), generation, now));
    out.add(wallet);
    out.add(sync);
    return out;
  }
}
