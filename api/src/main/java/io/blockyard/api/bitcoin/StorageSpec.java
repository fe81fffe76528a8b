package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Persistent storage for each node's chain data (one PersistentVolumeClaim per node). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {
  @Required
  @JsonPropertyDescription("Size of each node's volume, e.g. 10Gi.")
  private String size;

  @JsonPropertyDescription("StorageClass of the volumes; absent means the cluster's default.")
  private String storageClassName;

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }
}
