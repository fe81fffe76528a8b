package io.blockyard.operator;

/**
 * The images a node runs when its resource names none: the pinned ones, or the operator's settings (the chart's
 * {@code defaultImages}, for a cluster that mirrors images under other names). Set once when the process starts,
 * before any reconcile, and fixed for its life: to the pure builders it is a constant.
 */
public record DefaultImages(String btcd, String bitcoind, String lnd) {
  public static final DefaultImages PINNED =
      new DefaultImages("blockyard/btcd:v0.26.2", "bitcoin/bitcoin:28.1", "lightninglabs/lnd:v0.20.1-beta");
  private static volatile DefaultImages current = PINNED;

  public static DefaultImages current() {
    return current;
  }

  static void use(DefaultImages images) {
    current = images;
  }
}
