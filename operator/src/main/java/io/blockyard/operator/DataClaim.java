package io.blockyard.operator;

import io.blockyard.api.bitcoin.StorageSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** The claim template of a node's "data" volume, or none when storage is not asked for (an emptyDir then). Pure. */
public final class DataClaim {
  public static final String VOLUME = "data";

  private DataClaim() {}

  public static List<PersistentVolumeClaim> templates(StorageSpec storage) {
    if (storage == null) {
      return List.of();
    }
    return List.of(new PersistentVolumeClaimBuilder().withNewMetadata().withName(VOLUME).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.getStorageClassName())
        .withNewResources().withRequests(Map.of("storage", new Quantity(storage.getSize()))).endResources()
        .endSpec().build());
  }
}
