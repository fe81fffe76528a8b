package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Lets an owned object's update wake its resource only when something other than its status changed: its spec (the
 * generation), labels, annotations, owners, finalizers or deletion. A StatefulSet's status changes three or four
 * times for every pod that starts, and the reconcilers read pods, not that status: at 30 networks those updates were
 * hundreds of passes that found nothing to do. JOSDK's dependents still see every update in their cache.
 */
public final class StatusOnlyUpdates implements OnUpdateFilter<HasMetadata> {
  @Override
  public boolean accept(HasMetadata newObject, HasMetadata oldObject) {
    return !onlyStatusChanged(oldObject.getMetadata(), newObject.getMetadata());
  }

  static boolean onlyStatusChanged(ObjectMeta before, ObjectMeta after) {
    return Objects.equals(before.getGeneration(), after.getGeneration())
        && Objects.equals(before.getLabels(), after.getLabels())
        && Objects.equals(before.getAnnotations(), after.getAnnotations())
        && Objects.equals(before.getOwnerReferences(), after.getOwnerReferences())
        && Objects.equals(before.getFinalizers(), after.getFinalizers())
        && Objects.equals(before.getDeletionTimestamp(), after.getDeletionTimestamp());
  }
}
