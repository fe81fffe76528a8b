package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage for PersistentVolumeClaims: each claim gets a host directory and a PersistentVolume bound to it, so that
 * claims show as Bound and their data outlives the pods that use them. When a claim is deleted, its volume and data
 * go with it (the test bed's equivalent of a Delete reclaim policy).
 */
final class ClaimStorage {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimStorage.class);
  static final String PROVISIONED_BY = "blockyard.io/provisioned-by";

  private final KubernetesClient client;
  private final Path claimsDir;
  private final String nodeName;

  ClaimStorage(KubernetesClient client, Path claimsDir, String nodeName) {
    this.client = client;
    this.claimsDir = claimsDir;
    this.nodeName = nodeName;
  }

  static Path dataDir(Path claimsDir, PersistentVolumeClaim pvc) {
    return claimsDir.resolve(pvc.getMetadata().getNamespace())
        .resolve(pvc.getMetadata().getName() + "-" + pvc.getMetadata().getUid());
  }

  /** Creates a bound volume for a pending claim that has none. */
  void provision(PersistentVolumeClaim pvc) {
    if (pvc.getSpec().getVolumeName() != null && !pvc.getSpec().getVolumeName().isEmpty()
        || pvc.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    Path dir = dataDir(claimsDir, pvc);
    Quantity size = pvc.getSpec().getResources() != null && pvc.getSpec().getResources().getRequests() != null
        ? pvc.getSpec().getResources().getRequests().getOrDefault("storage", new Quantity("1Gi"))
        : new Quantity("1Gi");
    PersistentVolume pv = new PersistentVolumeBuilder()
        .withNewMetadata().withName("pvc-" + pvc.getMetadata().getUid())
        .withAnnotations(Map.of(PROVISIONED_BY, nodeName)).endMetadata()
        .withNewSpec()
        .withCapacity(Map.of("storage", size))
        .withAccessModes(pvc.getSpec().getAccessModes())
        .withStorageClassName(pvc.getSpec().getStorageClassName() == null ? "" : pvc.getSpec().getStorageClassName())
        .withPersistentVolumeReclaimPolicy("Retain")
        .withVolumeMode(pvc.getSpec().getVolumeMode())
        .withNewHostPath().withPath(dir.toString()).withType("DirectoryOrCreate").endHostPath()
        .withNewClaimRef().withNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
        .withUid(pvc.getMetadata().getUid()).endClaimRef()
        .endSpec().build();
    try {
      Files.createDirectories(dir);
      client.persistentVolumes().resource(pv).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        LOG.warn("cannot provision a volume for claim {}/{}: {}", pvc.getMetadata().getNamespace(),
            pvc.getMetadata().getName(), e.getMessage());
      }
    } catch (IOException e) {
      LOG.warn("cannot create the directory {} for claim {}: {}", dir, pvc.getMetadata().getName(), e.getMessage());
    }
  }

  /** Deletes a volume this node provisioned once its claim is gone, with its data. */
  void reclaim(PersistentVolume pv) {
    if (pv.getMetadata().getAnnotations() == null
        || !nodeName.equals(pv.getMetadata().getAnnotations().get(PROVISIONED_BY))
        || pv.getStatus() == null || !"Released".equals(pv.getStatus().getPhase())) {
      return;
    }
    client.persistentVolumes().resource(pv).delete();
    if (pv.getSpec().getHostPath() != null) {
      deleteTree(Path.of(pv.getSpec().getHostPath().getPath()));
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
