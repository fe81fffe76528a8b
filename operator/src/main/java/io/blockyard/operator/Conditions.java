package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/** Status conditions that keep their transition time while their status stays the same. Pure. */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  public static Condition of(List<Condition> previous, String type, boolean value, String reason, String message,
      long generation, Instant now) {
    return of(previous, type, value ? TRUE : FALSE, reason, message, generation, now);
  }

  public static Condition of(List<Condition> previous, String type, String status, String reason, String message,
      long generation, Instant now) {
    String since = now.toString();
    for (Condition c : previous) {
      if (c.getType().equals(type) && c.getStatus().equals(status) && c.getLastTransitionTime() != null) {
        since = c.getLastTransitionTime();
      }
    }
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(since).build();
  }

  /** The condition of that type, if present. */
  public static java.util.Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? java.util.Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }
}
