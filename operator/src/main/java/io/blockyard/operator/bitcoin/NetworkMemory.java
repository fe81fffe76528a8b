package io.blockyard.operator.bitcoin;

import java.time.Instant;
import java.util.Map;

/**
 * What the operator remembers of one network between passes, because the cluster does not hold it: clocks and one
 * answer it need not ask again. Immutable; kept per network UID and dropped with the network.
 *
 * @param behindSince pod name to the time it was first seen behind the best node (peers usually catch it up)
 * @param lastIntervalBlock when the last interval block was mined (or interval mining began), or null
 * @param miningPausedUntil no mining before this, after a mining call failed (it may have mined all the same), or null
 * @param miningAddress the mining address candidate the nodes accepted, or null until asked
 */
record NetworkMemory(Map<String, Instant> behindSince, Instant lastIntervalBlock, Instant miningPausedUntil,
    String miningAddress) {
  static final NetworkMemory EMPTY = new NetworkMemory(Map.of(), null, null, null);

  NetworkMemory {
    behindSince = Map.copyOf(behindSince);
  }

  NetworkMemory withBehindSince(Map<String, Instant> behind) {
    return new NetworkMemory(behind, lastIntervalBlock, miningPausedUntil, miningAddress);
  }

  NetworkMemory withLastIntervalBlock(Instant at) {
    return new NetworkMemory(behindSince, at, miningPausedUntil, miningAddress);
  }

  NetworkMemory withMiningPausedUntil(Instant until) {
    return new NetworkMemory(behindSince, lastIntervalBlock, until, miningAddress);
  }

  NetworkMemory withMiningAddress(String address) {
    return new NetworkMemory(behindSince, lastIntervalBlock, miningPausedUntil, address);
  }
}
