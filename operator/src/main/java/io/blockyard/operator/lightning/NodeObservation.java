package io.blockyard.operator.lightning;

import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.WalletBalance;
import io.blockyard.rpc.lnd.WalletState;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * What one pass saw of a Lightning node, and nothing else: its chain backend, its pod, its Secrets from the caches,
 * and what its lnd said. Immutable; the plan and the status are computed from it (see {@link NodePlanner}). It holds
 * keys (the wallet Secret's, the connection Secret's) and never prints them.
 *
 * @param backend the chain backend, or why there is none (nothing else is read without one)
 * @param walletSecretFound whether the wallet password Secret exists
 * @param podIp the IP of lnd's pod, when it is ready and has one
 * @param access what the operator talks to lnd with, once the TLS and wallet Secrets exist (read from the API server
 *     rather than the caches when a just-written admin macaroon may not be in them yet)
 * @param lnd what lnd said, when it was asked
 * @param connectionSecret the connection Secret as it is, read once lnd answered
 * @param eventsLive whether the node's lnd event streams answer
 */
record NodeObservation(BackendResolution backend, boolean walletSecretFound, Optional<String> podIp,
    Optional<LndAccess> access, Lnd lnd, Optional<Secret> connectionSecret, boolean eventsLive) {

  /** The node's chain as status and the chain label name it (regtest, ..., mainnet), once there is a backend. */
  Optional<String> chain() {
    return backend.backend().map(b -> b.chain().name().toLowerCase());
  }

  /** What lnd said this pass. */
  sealed interface Lnd {}

  /** lnd was not asked: no backend, no ready pod, or no Secrets to talk to it with. */
  record NotAsked() implements Lnd {}

  /** A call to lnd failed (no answer, or an error): lnd's or the client's words, which hold no key. */
  record Unreachable(String message) implements Lnd {}

  /** The wallet is not serving RPC yet: missing, locked, or starting. */
  record Starting(WalletState state) implements Lnd {}

  /** The wallet is unlocked, and reading its Secret from the API server (for the admin macaroon) was refused. */
  record SecretUnreadable(ApiRefusal refusal) implements Lnd {}

  /** The wallet is unlocked, its Secret holds no admin macaroon; {@code rootKeyKept}: whether one can be made. */
  record NoAdminMacaroon(boolean rootKeyKept) implements Lnd {}

  /** lnd refused the admin macaroon made from the operator's root key: the wallet has other macaroon keys. */
  record MacaroonRefused() implements Lnd {}

  /** lnd answered getinfo and the balances. */
  record Answered(NodeInfo info, WalletBalance onChain, ChannelBalance channels) implements Lnd {}

  /**
   * The API server's refusal: its code and reason only, since its message about a Secret may quote the Secret's values.
   */
  record ApiRefusal(int code, String reason) {
    static ApiRefusal of(KubernetesClientException e) {
      return new ApiRefusal(e.getCode(), e.getStatus() != null ? e.getStatus().getReason() : null);
    }

    /** As a condition message says it. */
    String answer() {
      return "the Kubernetes API answered " + code + (reason != null ? " " + reason : "");
    }
  }

  @Override
  public String toString() {
    return "NodeObservation[backend=" + backend.reason() + ", walletSecretFound=" + walletSecretFound + ", podIp="
        + podIp + ", access=" + access + ", lnd=" + lnd + ", connectionSecret="
        + connectionSecret.map(s -> "present").orElse("absent") + ", eventsLive=" + eventsLive + "]";
  }
}
