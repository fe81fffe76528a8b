package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    for (Condition now : after) {
      Optional<Condition> was = before.stream().filter(c -> c.getType().equals(now.getType())).findFirst();
      if (was.isEmpty() || !was.get().getStatus().equals(now.getStatus())
          || !was.get().getReason().equals(now.getReason())) {
        if ("True".equals(now.getStatus())) {
          normal(resource, now.getType() + ":" + now.getReason(), now.getMessage());
        } else {
          warning(resource, now.getType() + ":" + now.getReason(), now.getMessage());
        }
      }
    }
  }
}
