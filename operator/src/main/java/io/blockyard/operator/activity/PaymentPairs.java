package io.blockyard.operator.activity;

import io.blockyard.api.lightning.PaymentPair;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Who pays whom next: a random ordered pair of two different ready nodes, or the next fixed pair (in turn) whose ends
 * are both ready. Pure but for the generator.
 */
record PaymentPairs(List<String> ready, List<PaymentPair> fixed) {
  PaymentPairs {
    ready = List.copyOf(ready);
    fixed = fixed == null ? null : List.copyOf(fixed);
  }

  /** The pairs that can be paid now. */
  List<PaymentPair> usable() {
    if (fixed != null) {
      return fixed.stream().filter(p -> ready.contains(p.getFrom()) && ready.contains(p.getTo())).toList();
    }
    return ready.size() < 2 ? List.of() : ready.stream()
        .flatMap(from -> ready.stream().filter(to -> !to.equals(from)).map(to -> new PaymentPair(from, to))).toList();
  }

  /** The pair for payment number {@code n}, if any pair can be paid. */
  Optional<PaymentPair> next(long n, RandomGenerator random) {
    List<PaymentPair> usable = usable();
    if (usable.isEmpty()) {
      return Optional.empty();
    }
    int index = fixed != null ? (int) Math.floorMod(n, (long) usable.size()) : random.nextInt(usable.size());
    return Optional.of(usable.get(index));
  }
}
