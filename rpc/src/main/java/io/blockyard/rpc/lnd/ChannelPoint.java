package io.blockyard.rpc.lnd;

import java.util.Objects;

/**
 * A channel's funding output, shown as lnd shows it: {@code txid:index} with the txid in the
 * usual (reversed) hex.
 */
public record ChannelPoint(String txid, int outputIndex) {

  public ChannelPoint {
    Objects.requireNonNull(txid, "txid");
    if (!txid.matches("[0-9a-f]{64}") || outputIndex < 0) {
      throw new IllegalArgumentException("not a channel point: " + txid + ":" + outputIndex);
    }
  }

  /** Reads {@code txid:index}. */
  public static ChannelPoint parse(String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("a channel point is txid:index, not " + text);
    }
    try {
      return new ChannelPoint(text.substring(0, colon).toLowerCase(java.util.Locale.ROOT),
          Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a channel point is txid:index, not " + text, e);
    }
  }

  @Override
  public String toString() {
    return txid + ":" + outputIndex;
  }
}
