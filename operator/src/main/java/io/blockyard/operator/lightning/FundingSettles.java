package io.blockyard.operator.lightning;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * No block is mined on a test chain while a channel's funding transaction is being broadcast, nor in the seconds
 * after: lnd (0.20 with btcd) that sees its funding transaction mined in a burst of blocks just after it broadcast it
 * registers the confirmation from a later height and waits for it forever, and the channel stays Opening. So the
 * operator's mining and its opens take turns, and mining waits {@link #SETTLE} after the network's last open.
 */
final class FundingSettles {
  static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Object TURN = new Object();
  /** Network uid to the time of its last open, in nanoseconds; only opens within {@link #SETTLE} are kept. */
  private static final Map<String, Long> LAST_OPEN = new ConcurrentHashMap<>();

  private FundingSettles() {}

  /** Mines (what {@code mining} does) once no open of the network is in progress or settling. */
  static void mine(String networkUid, Runnable mining) {
    while (true) {
      long wait;
      synchronized (TURN) {
        wait = settlingNanos(networkUid);
        if (wait <= 0) {
          mining.run();
          return;
        }
      }
      sleep(wait);
    }
  }

  /** Opens (what {@code opening} does) with no mining in progress on any test chain, and marks the network's open. */
  static <T> T open(String networkUid, Supplier<T> opening) {
    synchronized (TURN) {
      try {
        return opening.get();
      } finally {
        LAST_OPEN.put(networkUid, System.nanoTime());
      }
    }
  }

  private static long settlingNanos(String networkUid) {
    long now = System.nanoTime();
    LAST_OPEN.values().removeIf(at -> now - at >= SETTLE.toNanos());
    Long at = LAST_OPEN.get(networkUid);
    return at == null ? 0 : SETTLE.toNanos() - (now - at);
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a funding transaction settled", e);
    }
  }
}
