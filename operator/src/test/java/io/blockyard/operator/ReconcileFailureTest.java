package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileFailureTest {
  @Test
  void aRefusedOwnedObjectIsNamedWithTheApiServersWordsAndReplacesAReadyTrue() {
    var refused = new KubernetesClientException(new StatusBuilder().withCode(422).withMessage(
        "StatefulSet.apps \"net\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than "
            + "'replicas' are forbidden").build());
    var e = new AggregatedOperatorException("workflow failed",
        Map.of("nodes", new IllegalStateException("apply failed", refused)));

    ReconcileFailure failure = ReconcileFailure.of(e);

    assertThat(failure.reason()).isEqualTo("DependentFailed");
    assertThat(failure.message()).startsWith("owned object \"nodes\": the API server refused it (422): StatefulSet")
        .contains("updates to statefulset spec").contains("the operator retries");
    List<Condition> before = List.of(
        new ConditionBuilder().withType("Ready").withStatus("True").withReason("AllNodesReady").build(),
        new ConditionBuilder().withType("Meshed").withStatus("True").build());
    List<Condition> after = failure.conditions(before, 2, Instant.EPOCH);
    assertThat(after).hasSize(2).first().satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getObservedGeneration()).isEqualTo(2);
    });
  }

  @Test
  void anExplainedFailureKeepsItsReasonAndAdvice() {
    class Missing extends RuntimeException implements ReconcileFailure.Explained {
      Missing() {
        super("the Secret \"x\" has no key \"password\": add it");
      }

      @Override
      public String reason() {
        return "SecretMissing";
      }
    }
    ReconcileFailure failure = ReconcileFailure.of(new AggregatedOperatorException("x", Map.of("connection",
        new RuntimeException(new Missing()))));
    assertThat(failure.reason()).isEqualTo("SecretMissing");
    assertThat(failure.message()).isEqualTo("owned object \"connection\": the Secret \"x\" has no key \"password\": "
        + "add it");
  }
}
