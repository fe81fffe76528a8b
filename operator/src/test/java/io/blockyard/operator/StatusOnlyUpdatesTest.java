package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

class StatusOnlyUpdatesTest {
  private final StatusOnlyUpdates filter = new StatusOnlyUpdates();
  private final StatefulSet before = new StatefulSetBuilder().withNewMetadata().withName("regtest").withGeneration(1L)
      .addToLabels("app.kubernetes.io/managed-by", "blockyard").endMetadata().withNewSpec().withReplicas(3).endSpec()
      .withNewStatus().withReplicas(3).withReadyReplicas(1).endStatus().build();

  @Test
  void aStatefulSetWhosePodsStartDoesNotWakeItsNetwork() {
    StatefulSet moreReady = new StatefulSetBuilder(before).editMetadata().withResourceVersion("2").endMetadata()
        .editStatus().withReadyReplicas(2).endStatus().build();
    assertThat(filter.accept(moreReady, before)).isFalse();
  }

  @Test
  void aChangedSpecLabelsOrDeletionWakeIt() {
    StatefulSet edited = new StatefulSetBuilder(before).editMetadata().withGeneration(2L).endMetadata()
        .editSpec().withReplicas(5).endSpec().build();
    StatefulSet relabelled = new StatefulSetBuilder(before).editMetadata().addToLabels("team", "a").endMetadata().build();
    StatefulSet going = new StatefulSetBuilder(before).editMetadata().withDeletionTimestamp("2026-12-01T20:00:00Z")
        .endMetadata().build();
    assertThat(filter.accept(edited, before)).isTrue();
    assertThat(filter.accept(relabelled, before)).isTrue();
    assertThat(filter.accept(going, before)).isTrue();
  }
}
