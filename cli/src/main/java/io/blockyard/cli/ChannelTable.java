package io.blockyard.cli;

import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.PendingChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code channels <node>}'s text: open, pending and closed channels, a table each. Peers are named when they are
 * LightningNodes of the same namespace; public keys are shortened to their first 12 hex digits. Pure.
 */
final class ChannelTable {
  static final int SHORT_PUBKEY = 12;

  private ChannelTable() {}

  /** @param names identity public key to LightningNode name, for the PEER column */
  static String render(List<Channel> open, List<PendingChannel> pending, List<ClosedChannel> closed,
      Map<String, String> names) {
    StringBuilder out = new StringBuilder();
    List<String[]> rows = new ArrayList<>();
    for (Channel c : open) {
      rows.add(new String[] {c.channelPoint().toString(), peer(names, c.remotePubkey()), shortKey(c.remotePubkey()),
          NodeSummary.yesNo(c.active()), sat(c.capacity()), sat(c.localBalance()), sat(c.remoteBalance()),
          NodeSummary.yesNo(c.isPrivate())});
    }
    section(out, "Open channels", new String[] {"CHANNEL POINT", "PEER", "PUBKEY", "ACTIVE", "CAPACITY", "LOCAL",
        "REMOTE", "PRIVATE"}, rows);
    rows = new ArrayList<>();
    for (PendingChannel c : pending) {
      rows.add(new String[] {c.channelPoint().toString(), peer(names, c.remotePubkey()), shortKey(c.remotePubkey()),
          words(c.stage().name()), sat(c.capacity()), sat(c.localBalance()), orDash(c.closingTxid())});
    }
    out.append(System.lineSeparator());
    section(out, "Pending channels", new String[] {"CHANNEL POINT", "PEER", "PUBKEY", "STAGE", "CAPACITY", "LOCAL",
        "CLOSING TX"}, rows);
    rows = new ArrayList<>();
    for (ClosedChannel c : closed) {
      rows.add(new String[] {c.channelPoint().toString(), peer(names, c.remotePubkey()), shortKey(c.remotePubkey()),
          words(c.closeType()), sat(c.capacity()), sat(c.settledBalance()), orDash(c.closingTxid())});
    }
    out.append(System.lineSeparator());
    section(out, "Closed channels", new String[] {"CHANNEL POINT", "PEER", "PUBKEY", "CLOSE TYPE", "CAPACITY",
        "SETTLED", "CLOSING TX"}, rows);
    return out.toString();
  }

  private static void section(StringBuilder out, String title, String[] header, List<String[]> rows) {
    out.append(title).append(": ").append(rows.isEmpty() ? "none" : String.valueOf(rows.size()))
        .append(System.lineSeparator());
    if (rows.isEmpty()) {
      return;
    }
    int[] widths = new int[header.length];
    List<String[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (String[] row : all) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
  }

  static String shortKey(String pubkey) {
    if (pubkey == null || pubkey.isEmpty()) {
      return "-";
    }
    return pubkey.length() <= SHORT_PUBKEY ? pubkey : pubkey.substring(0, SHORT_PUBKEY);
  }

  private static String peer(Map<String, String> names, String pubkey) {
    return pubkey == null ? "-" : names.getOrDefault(pubkey, "-");
  }

  /** lnd's enum names as kubectl shows states: {@code LOCAL_FORCE_CLOSE} becomes {@code local-force-close}. */
  static String words(String enumName) {
    return enumName == null || enumName.isEmpty() ? "-" : enumName.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String sat(long sat) {
    return String.valueOf(sat);
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
