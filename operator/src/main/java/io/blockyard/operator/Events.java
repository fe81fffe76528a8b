package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a Blockyard resource, for `kubectl describe` and `kubectl get events`. */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);
  private final KubernetesClient client;

  public Events(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata resource, String reason, String message) {
    record(resource, "Normal", reason, message);
  }

  public void warning(HasMetadata resource, String reason, String message) {
    record(resource, "Warning", reason, message);
  }

  private void record(HasMetadata resource, String type, String reason, String message) {
    String now = Instant.now().toString();
    var event = new EventBuilder().withNewMetadata()
        .withGenerateName(resource.getMetadata().getName() + ".")
        .withNamespace(resource.getMetadata().getNamespace()).endMetadata()
        .withNewInvolvedObject().withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
        .withName(resource.getMetadata().getName()).withNamespace(resource.getMetadata().getNamespace())
        .withUid(resource.getMetadata().getUid()).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent("blockyard-operator").endSource()
        .withReportingComponent("blockyard-operator").build();
    try {
      client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot record event {} on {}/{}: {}", reason, resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), e.getMessage());
    }
  }

  /** One event per condition that changed status or reason: Normal when it became True, Warning otherwise. */
  public void announceTransitions(HasMetadata resource, List<Condition> before, List<Condition> after) {
    announceTransitions(resource, before, after, ConditionKinds.NONE);
  }

  /** As {@link #announceTransitions(HasMetadata, List, List)}, with problem and progress conditions told apart. */
  public void announceTransitions(HasMetadata resource, List<Condition> before, List<Condition> after,
      ConditionKinds kinds) {
    for (Transition t : transitions(before, after, kinds)) {
      record(resource, t.type(), t.reason(), t.message());
    }
  }

  /**
   * Conditions that do not read "True is good": problems (True means trouble, such as Blocked), each with the reason
   * its clearing is announced under, and progress (False only means not there yet, such as Routable). Starting
   * reasons say only that a new resource is on its way (nodes starting): a condition that is False with one of them
   * since it first appeared is Normal; one that falls to it from True is still a Warning.
   */
  public record ConditionKinds(Map<String, String> clearedReasonByProblem, Set<String> progress,
      Set<String> startingReasons) {
    public static final ConditionKinds NONE = new ConditionKinds(Map.of(), Set.of());

    public ConditionKinds(Map<String, String> clearedReasonByProblem, Set<String> progress) {
      this(clearedReasonByProblem, progress, Set.of());
    }

    /** The same kinds, with these reasons only meaning "starting". */
    public ConditionKinds starting(Set<String> reasons) {
      return new ConditionKinds(clearedReasonByProblem, progress, reasons);
    }

    boolean stillStarting(Optional<Condition> was, Condition now) {
      return "False".equals(now.getStatus()) && startingReasons.contains(now.getReason())
          && was.map(c -> "False".equals(c.getStatus()) && startingReasons.contains(c.getReason())).orElse(true);
    }
  }

  /** An event to record: its type (Normal or Warning), reason and message. */
  public record Transition(String type, String reason, String message) {}

  /**
   * The events for the conditions that changed status or reason. A condition becoming True is Normal, anything else a
   * Warning. A problem that appears or changes is a Warning, one that clears is Normal with its cleared reason and says
   * what was resolved, and a problem that was never there says nothing. Progress is always Normal, and so is a
   * resource still starting. Pure.
   */
  public static List<Transition> transitions(List<Condition> before, List<Condition> after, ConditionKinds kinds) {
    List<Transition> out = new ArrayList<>();
    for (Condition now : after) {
      Optional<Condition> was = before.stream().filter(c -> c.getType().equals(now.getType())).findFirst();
      if (was.isPresent() && was.get().getStatus().equals(now.getStatus())
          && was.get().getReason().equals(now.getReason())) {
        continue;
      }
      boolean isTrue = "True".equals(now.getStatus());
      String cleared = kinds.clearedReasonByProblem().get(now.getType());
      String reason = now.getType() + ":" + now.getReason();
      if (kinds.progress().contains(now.getType()) || kinds.stillStarting(was, now)) {
        out.add(new Transition("Normal", reason, now.getMessage()));
      } else if (cleared == null) {
        out.add(new Transition(isTrue ? "Normal" : "Warning", reason, now.getMessage()));
      } else if (isTrue) {
        out.add(new Transition("Warning", reason, now.getMessage()));
      } else if (was.isPresent() && "True".equals(was.get().getStatus())) {
        out.add(new Transition("Normal", cleared, "no longer " + now.getType().toLowerCase(Locale.ROOT) + ": "
            + was.get().getReason() + " is resolved (it was: " + was.get().getMessage() + ")"));
      }
    }
    return out;
  }
}
