package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Pods;
import io.blockyard.operator.WatchedSecrets;
import io.blockyard.operator.lightning.NodeObservation.Answered;
import io.blockyard.operator.lightning.NodeObservation.ApiRefusal;
import io.blockyard.operator.lightning.NodeObservation.Lnd;
import io.blockyard.operator.lightning.NodeObservation.MacaroonRefused;
import io.blockyard.operator.lightning.NodeObservation.NoAdminMacaroon;
import io.blockyard.operator.lightning.NodeObservation.NotAsked;
import io.blockyard.operator.lightning.NodeObservation.SecretUnreadable;
import io.blockyard.operator.lightning.NodeObservation.Starting;
import io.blockyard.operator.lightning.NodeObservation.Unreachable;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.WalletBalance;
import io.blockyard.rpc.lnd.WalletState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The observe step: a node's backend, pod and Secrets from the watched caches, then lnd (its wallet's state; getinfo
 * and the balances once the wallet serves RPC), every call with the client's timeout. A call that fails is a value in
 * the observation, never an exception out of it. Once lnd answers getinfo, its event streams are kept open: from then
 * on lnd tells of its changes itself.
 */
final class NodeObserver {
  private final LndClients lndClients;

  NodeObserver(LndClients lndClients) {
    this.lndClients = lndClients;
  }

  NodeObservation observe(LightningNode node, Context<LightningNode> context) {
    LightningNames names = LightningNames.of(node);
    String key = LndClients.key(names.namespace(), names.node());
    BackendResolution backend = BackendResolution.of(node, context);
    if (backend.backend().isEmpty()) {
      return new NodeObservation(backend, false, Optional.empty(), Optional.empty(), new NotAsked(),
          Optional.empty(), false);
    }
    boolean walletSecretFound = WatchedSecrets.find(context, names.namespace(), WalletSecrets.walletSecretName(node))
        .isPresent();
    Optional<String> podIp = context.getSecondaryResources(Pod.class).stream()
        .filter(p -> p.getMetadata().getName().equals(names.pod()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst()
        .filter(Pods::isReady).map(p -> p.getStatus().getPodIP());
    Optional<LndAccess> access = podIp.isEmpty() ? Optional.empty() : LndAccess.read(context, node);
    Lnd lnd = new NotAsked();
    if (access.isPresent()) {
      Asked asked = ask(node, context, key, access.get(), podIp.get());
      access = Optional.of(asked.access());
      lnd = asked.lnd();
    }
    Optional<Secret> connection = lnd instanceof Answered
        ? WatchedSecrets.find(context, names.namespace(), names.connectionSecret()) : Optional.empty();
    return new NodeObservation(backend, walletSecretFound, podIp, access, lnd, connection,
        lndClients.events().live(key));
  }

  /** What lnd said, and the access the pass talked to it with. */
  private record Asked(LndAccess access, Lnd lnd) {}

  /** The wallet's state; once it serves RPC, the admin macaroon (from the API server if not cached), getinfo. */
  private Asked ask(LightningNode node, Context<LightningNode> context, String key, LndAccess cached, String ip) {
    WalletState state;
    try {
      state = lndClients.unlocker(key, cached.endpoint(ip)).state();
    } catch (RpcException | IllegalStateException e) {
      return new Asked(cached, new Unreachable(e.getMessage()));
    }
    if (!state.rpcReady()) {
      return new Asked(cached, new Starting(state));
    }
    LndAccess access = cached;
    if (cached.adminMacaroonHex().isEmpty()) {
      // The admin macaroon arrives with the wallet, just written: the cache may not have it yet.
      try {
        access = LndAccess.read(node, n -> Optional.ofNullable(context.getClient().secrets()
            .inNamespace(node.getMetadata().getNamespace()).withName(n).get())).orElse(cached);
      } catch (KubernetesClientException e) {
        return new Asked(cached, new SecretUnreadable(ApiRefusal.of(e)));
      }
    }
    return new Asked(access, lnd(key, access, ip));
  }

  /** getinfo and the balances, with the admin macaroon; the event streams are kept once getinfo answers. */
  private Lnd lnd(String key, LndAccess access, String ip) {
    if (access.adminMacaroonHex().isEmpty()) {
      return new NoAdminMacaroon(access.macaroonRootKeyKept());
    }
    LndNode lnd = lndClients.admin(key, access.adminEndpoint(ip).orElseThrow());
    try {
      NodeInfo info;
      try {
        info = lnd.getInfo();
      } catch (LndErrorException e) {
        if (WalletCustody.macaroonRefused(e)) {
          return new MacaroonRefused();
        }
        throw e;
      }
      lndClients.events().keep(key, lnd.endpoint());
      WalletBalance onChain = lnd.walletBalance();
      ChannelBalance channels = lnd.channelBalance();
      return new Answered(info, onChain, channels);
    } catch (RpcException | IllegalStateException e) {
      return new Unreachable(e.getMessage());
    }
  }
}
