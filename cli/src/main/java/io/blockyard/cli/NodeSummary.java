package io.blockyard.cli;

import io.blockyard.rpc.lnd.ChannelBalance;
import io.blockyard.rpc.lnd.NodeInfo;
import io.blockyard.rpc.lnd.WalletBalance;
import java.util.ArrayList;
import java.util.List;

/** {@code ln <node> getinfo}'s text: lnd's getinfo and balances, one fact a line. Pure. */
final class NodeSummary {
  private NodeSummary() {}

  /**
   * @param uri the URI from the connection Secret (how peers in the cluster reach the node), or null; lnd's own
   *     URIs (set only with an external IP) follow it
   */
  static String render(String namespace, String name, String uri, NodeInfo info, WalletBalance wallet,
      ChannelBalance channels) {
    List<String> uris = new ArrayList<>();
    if (uri != null && !uri.isEmpty()) {
      uris.add(uri);
    }
    info.uris().stream().filter(u -> !uris.contains(u)).forEach(uris::add);
    StringBuilder out = new StringBuilder();
    line(out, "Node:", namespace + "/" + name);
    line(out, "Alias:", info.alias().isEmpty() ? "-" : info.alias());
    line(out, "Pubkey:", info.identityPubkey());
    if (uris.isEmpty()) {
      line(out, "URI:", "-");
    }
    for (String u : uris) {
      line(out, "URI:", u);
    }
    line(out, "Synced:", "chain " + yesNo(info.syncedToChain()) + ", graph " + yesNo(info.syncedToGraph()));
    line(out, "Block height:", String.valueOf(info.blockHeight()));
    line(out, "Peers:", String.valueOf(info.numPeers()));
    line(out, "Channels:", info.numActiveChannels() + " active, " + info.numPendingChannels() + " pending, "
        + info.numInactiveChannels() + " inactive");
    line(out, "On-chain:", wallet.confirmedSat() + " sat confirmed, " + wallet.unconfirmedSat() + " sat unconfirmed");
    line(out, "In channels:", channels.localSat() + " sat local, " + channels.remoteSat() + " sat remote");
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-14s%s%n", label, value));
  }

  static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }
}
