package io.blockyard.operator.lightning;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each channel's peers' graphs were last read: lnd's whole graph comes back from describegraph, so on a large
 * network it is read at most this often per channel. In memory only (after a restart, one early read); a channel's
 * entry goes with the channel.
 */
final class GraphReads {
  private final Duration every;
  private final Map<String, Instant> last = new ConcurrentHashMap<>();

  GraphReads(Duration every) {
    this.every = every;
  }

  /** Whether to read now; on a test chain (a graph of a few nodes) always. Records the read. */
  boolean due(String uid, boolean testChain, Instant now) {
    Instant before = last.get(uid);
    if (!testChain && before != null && before.plus(every).isAfter(now)) {
      return false;
    }
    last.put(uid, now);
    return true;
  }

  void forget(String uid) {
    last.remove(uid);
  }
}
