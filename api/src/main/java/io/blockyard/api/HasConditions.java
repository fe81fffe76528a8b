package io.blockyard.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** A status with standard conditions, so that a failure can replace its Ready condition whatever the kind. */
public interface HasConditions {
  List<Condition> getConditions();

  void setConditions(List<Condition> conditions);
}
