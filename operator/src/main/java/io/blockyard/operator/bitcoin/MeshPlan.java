package io.blockyard.operator.bitcoin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mesh, as seed 001's syncNodes: every ready node has every other ready node on its added-node list, and nodes
 * that are gone or not ready come off it. External peers ({@code spec.peers}) are left alone. Pure: no I/O.
 */
public final class MeshPlan {
  /** What to change on one node. */
  public record Changes(List<String> add, List<String> remove) {
    public boolean isEmpty() {
      return add.isEmpty() && remove.isEmpty();
    }
  }

  private MeshPlan() {}

  /**
   * @param readyAddresses ordinal to P2P address ({@code ip:port}) of every ready node
   * @param known ordinal to the addresses known to be on that node's list: what it reports, plus what the operator
   *     added before (btcd reports only the added nodes it is connected to)
   * @param externalPeers the network's external peers, never removed
   * @param networkAddresses addresses that belong or belonged to the network's own pods: only these are ever
   *     removed (btcd reports an external peer given by name under its IP, which must stay)
   */
  public static Map<Integer, Changes> plan(Map<Integer, String> readyAddresses,
      Map<Integer, ? extends Collection<String>> known, Collection<String> externalPeers,
      Collection<String> networkAddresses) {
    Map<Integer, Changes> plan = new java.util.TreeMap<>();
    for (var node : readyAddresses.entrySet()) {
      Set<String> wanted = wanted(readyAddresses, node.getKey());
      Collection<String> reported = known.get(node.getKey());
      Set<String> current = reported == null ? new LinkedHashSet<>() : new LinkedHashSet<>(reported);
      List<String> add = new ArrayList<>();
      for (String address : wanted) {
        if (!current.contains(address)) {
          add.add(address);
        }
      }
      List<String> remove = new ArrayList<>();
      for (String address : current) {
        if (!wanted.contains(address) && !externalPeers.contains(address) && networkAddresses.contains(address)) {
          remove.add(address);
        }
      }
      plan.put(node.getKey(), new Changes(add, remove));
    }
    return plan;
  }

  /** Every other ready node's address, in ordinal order. */
  public static Set<String> wanted(Map<Integer, String> readyAddresses, int self) {
    Set<String> wanted = new LinkedHashSet<>();
    new java.util.TreeMap<>(readyAddresses).forEach((ordinal, address) -> {
      if (ordinal != self) {
        wanted.add(address);
      }
    });
    return wanted;
  }
}
