package io.blockyard.operator.bitcoin;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per network, every P2P address that belonged to one of its pods until no node lists it any more. The
 * mesh removes only such addresses (an external peer must stay), and a pod that is gone leaves the pod list and the
 * status in one pass: if its address could not be removed in that pass (a node did not answer, a call failed), it
 * must still count as the network's own in the next one, or it would stay on the lists for good.
 */
final class NetworkAddressBook {
  private final Map<String, Set<String>> byNetwork = new ConcurrentHashMap<>();

  /** Adds the addresses the network's pods have now or had in the last status; returns every address it owns. */
  Set<String> owned(String networkUid, Collection<String> podAddresses) {
    Set<String> owned = byNetwork.computeIfAbsent(networkUid, k -> ConcurrentHashMap.newKeySet());
    owned.addAll(podAddresses);
    return Set.copyOf(owned);
  }

  /** Forgets the addresses that are neither a pod's now nor on any node's list. */
  void prune(String networkUid, Collection<String> podAddresses, Collection<? extends Collection<String>> lists) {
    Set<String> owned = byNetwork.get(networkUid);
    if (owned == null) {
      return;
    }
    Set<String> keep = new HashSet<>(podAddresses);
    lists.forEach(keep::addAll);
    owned.retainAll(keep);
  }

  void forget(String networkUid) {
    byNetwork.remove(networkUid);
  }

  /** Forgets the networks that are gone. */
  void retainNetworks(Set<String> networkUids) {
    byNetwork.keySet().retainAll(networkUids);
  }
}
