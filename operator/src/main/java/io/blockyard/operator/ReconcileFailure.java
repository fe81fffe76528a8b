package io.blockyard.operator;

import io.blockyard.api.HasConditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.util.function.Supplier;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a failed reconcile says in status and in an Event: which step or owned object failed, the cause in the API
 * server's or the node's words, and what to do. Pure: the reconcilers' error status handlers write it.
 *
 * @param reason the Ready condition's reason
 * @param message what failed and what to do
 */
public record ReconcileFailure(String reason, String message) {
  /** How soon a failed resource is looked at again once JOSDK's own retries are spent. */
  public static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(15);

  /** The failures that carry their own advice (they say what to create or change). */
  public interface Explained {
    String reason();
  }

  public static ReconcileFailure of(Exception e) {
    if (e instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
      Map<String, Exception> byDependent = new TreeMap<>(aggregated.getAggregatedExceptions());
      List<String> parts = new ArrayList<>();
      String reason = null;
      for (var entry : byDependent.entrySet()) {
        Throwable cause = root(entry.getValue());
        parts.add("owned object \"" + entry.getKey() + "\": " + describe(cause));
        if (reason == null) {
          reason = cause instanceof Explained explained ? explained.reason() : "DependentFailed";
        }
      }
      return new ReconcileFailure(reason, String.join("; ", parts) + advice(root(byDependent.values().iterator()
          .next())));
    }
    Throwable cause = root(e);
    return new ReconcileFailure(cause instanceof Explained explained ? explained.reason() : "ReconcileFailed",
        describe(cause) + advice(cause));
  }

  /**
   * JOSDK's error status for any Blockyard kind: the status as it was, with this failure's Ready condition, an Event
   * for the transition, and another look after {@link #RETRY_AFTER} once JOSDK's own retries are spent (the cause, a
   * Secret or a quota, is often fixed outside any watched object).
   *
   * @param fresh a new, empty resource of the kind, to carry only name, namespace and status
   */
  public static <S extends HasConditions, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> errorStatus(
      P resource, Context<P> context, Exception e, Supplier<P> fresh, Supplier<S> emptyStatus) {
    S previous = resource.getStatus() == null ? emptyStatus.get() : resource.getStatus();
    S status = context.getClient().getKubernetesSerialization().clone(previous);
    status.setConditions(of(e).conditions(previous.getConditions(), resource.getMetadata().getGeneration(),
        Instant.now()));
    new Events(context.getClient()).announceTransitions(resource, previous.getConditions(), status.getConditions());
    P patch = fresh.get();
    patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
        .withNamespace(resource.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(patch).rescheduleAfter(RETRY_AFTER);
  }

  /** The Ready condition that replaces the last one: a failed pass never leaves an old Ready=True standing. */
  public Condition readyCondition(List<Condition> previous, long generation, Instant now) {
    return Conditions.of(previous == null ? List.of() : previous, "Ready", false, reason, message, generation, now);
  }

  /** The other conditions, and this Ready in place of the old one. */
  public List<Condition> conditions(List<Condition> previous, long generation, Instant now) {
    List<Condition> out = new ArrayList<>();
    out.add(readyCondition(previous, generation, now));
    if (previous != null) {
      previous.stream().filter(c -> !"Ready".equals(c.getType())).forEach(out::add);
    }
    return out;
  }

  private static Throwable root(Throwable e) {
    Throwable cause = e;
    while (!(cause instanceof Explained) && !(cause instanceof KubernetesClientException) && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable cause) {
    if (cause instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return "the API server refused it (" + k.getCode() + "): " + k.getStatus().getMessage();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static String advice(Throwable cause) {
    if (cause instanceof Explained) {
      return "";
    }
    return cause instanceof KubernetesClientException
        ? " (the operator retries; undo the spec change that caused it, or see docs/troubleshooting.md)"
        : " (the operator retries; its log has the details, see docs/troubleshooting.md)";
  }
}
