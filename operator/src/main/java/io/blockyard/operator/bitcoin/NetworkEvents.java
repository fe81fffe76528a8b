package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a BitcoinNetwork, for `kubectl describe` and `kubectl get events`. */
public final class NetworkEvents {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkEvents.class);
  private final KubernetesClient client;

  public NetworkEvents(KubernetesClient client) {
    this.client = client;
  }

  public void normal(BitcoinNetwork network, String reason, String message) {
    record(network, "Normal", reason, message);
  }

  public void warning(BitcoinNetwork network, String reason, String message) {
    record(network, "Warning", reason, message);
  }

  private void record(BitcoinNetwork network, String type, String reason, String message) {
    String now = Instant.now().toString();
    var event = new EventBuilder().withNewMetadata()
        .withGenerateName(network.getMetadata().getName() + ".")
        .withNamespace(network.getMetadata().getNamespace()).endMetadata()
        .withNewInvolvedObject().withApiVersion(network.getApiVersion()).withKind(network.getKind())
        .withName(network.getMetadata().getName()).withNamespace(network.getMetadata().getNamespace())
        .withUid(network.getMetadata().getUid()).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent("blockyard-operator").endSource()
        .withReportingComponent("blockyard-operator").build();
    try {
      client.v1().events().inNamespace(network.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot record event {} on {}/{}: {}", reason, network.getMetadata().getNamespace(),
          network.getMetadata().getName(), e.getMessage());
    }
  }
}
