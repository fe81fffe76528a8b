package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a pod's volumes real as host directories: Secrets, ConfigMaps, downward API, projected service-account
 * tokens, emptyDir, hostPath and PersistentVolumeClaims (whose data lives as long as the claim).
 */
final class PodVolumes {
  /** A volume could not be made yet (a missing Secret, an unbound claim); the pod waits and retries. */
  static final class NotReady extends Exception {
    NotReady(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;
  private final Path claimsDir;

  PodVolumes(KubernetesClient client, Path claimsDir) {
    this.client = client;
    this.claimsDir = claimsDir;
  }

  /** Returns volume name to host path. */
  Map<String, Path> materialise(Pod pod, Path volumesDir, FieldRefs fields) throws NotReady, IOException {
    Map<String, Path> paths = new LinkedHashMap<>();
    String ns = pod.getMetadata().getNamespace();
    for (Volume v : pod.getSpec().getVolumes()) {
      Path dir = volumesDir.resolve(v.getName());
      if (v.getEmptyDir() != null) {
        Files.createDirectories(dir);
      } else if (v.getHostPath() != null) {
        dir = Path.of(v.getHostPath().getPath());
        Files.createDirectories(dir);
      } else if (v.getSecret() != null) {
        Secret s = client.secrets().inNamespace(ns).withName(v.getSecret().getSecretName()).get();
        if (s == null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
          throw new NotReady("secret \"" + v.getSecret().getSecretName() + "\" not found (volume " + v.getName() + ")");
        }
        writeFiles(dir, s == null ? Map.of() : decode(s), v.getSecret().getItems(), v.getSecret().getDefaultMode());
      } else if (v.getConfigMap() != null) {
        ConfigMap cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
        if (cm == null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
          throw new NotReady("configmap \"" + v.getConfigMap().getName() + "\" not found (volume " + v.getName() + ")");
        }
        writeFiles(dir, cm == null ? Map.of() : bytes(cm), v.getConfigMap().getItems(),
            v.getConfigMap().getDefaultMode());
      } else if (v.getDownwardAPI() != null) {
        writeDownward(dir, v.getDownwardAPI().getItems(), fields);
      } else if (v.getProjected() != null) {
        writeProjected(pod, dir, v.getProjected().getSources(), fields);
      } else if (v.getPersistentVolumeClaim() != null) {
        dir = claimDir(ns, v.getPersistentVolumeClaim().getClaimName());
      } else {
        throw new NotReady("volume " + v.getName() + " is of a kind the process kubelet does not support "
            + "(supported: emptyDir, hostPath, secret, configMap, downwardAPI, projected, persistentVolumeClaim)");
      }
      paths.put(v.getName(), dir);
    }
    return paths;
  }

  private Path claimDir(String ns, String claim) throws NotReady, IOException {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(claim).get();
    if (pvc == null) {
      throw new NotReady("persistentvolumeclaim \"" + claim + "\" not found");
    }
    Path dir = ClaimStorage.dataDir(claimsDir, pvc);
    Files.createDirectories(dir);
    return dir;
  }

  private void writeProjected(Pod pod, Path dir, List<VolumeProjection> sources, FieldRefs fields)
      throws NotReady, IOException {
    Files.createDirectories(dir);
    String ns = pod.getMetadata().getNamespace();
    for (VolumeProjection src : sources) {
      if (src.getSecret() != null) {
        Secret s = client.secrets().inNamespace(ns).withName(src.getSecret().getName()).get();
        if (s == null && !Boolean.TRUE.equals(src.getSecret().getOptional())) {
          throw new NotReady("secret \"" + src.getSecret().getName() + "\" not found (projected volume)");
        }
        writeFiles(dir, s == null ? Map.of() : decode(s), src.getSecret().getItems(), null);
      } else if (src.getConfigMap() != null) {
        ConfigMap cm = client.configMaps().inNamespace(ns).withName(src.getConfigMap().getName()).get();
        if (cm == null && !Boolean.TRUE.equals(src.getConfigMap().getOptional())) {
          throw new NotReady("configmap \"" + src.getConfigMap().getName() + "\" not found (projected volume)");
        }
        writeFiles(dir, cm == null ? Map.of() : bytes(cm), src.getConfigMap().getItems(), null);
      } else if (src.getDownwardAPI() != null) {
        writeDownward(dir, src.getDownwardAPI().getItems(), fields);
      } else if (src.getServiceAccountToken() != null) {
        var sat = src.getServiceAccountToken();
        String sa = pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
        TokenRequest request = new TokenRequestBuilder().withNewSpec()
            .withAudiences(sat.getAudience() == null ? List.of() : List.of(sat.getAudience()))
            .withExpirationSeconds(sat.getExpirationSeconds() == null ? 3607L : sat.getExpirationSeconds())
            .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid()).endBoundObjectRef().endSpec().build();
        TokenRequest token = client.serviceAccounts().inNamespace(ns).withName(sa).tokenRequest(request);
        write(dir.resolve(sat.getPath()), token.getStatus().getToken().getBytes(StandardCharsets.UTF_8), 0644);
      }
    }
  }

  private static void writeDownward(Path dir, List<DownwardAPIVolumeFile> items, FieldRefs fields)
      throws NotReady, IOException {
    Files.createDirectories(dir);
    for (DownwardAPIVolumeFile item : items) {
      if (item.getFieldRef() == null) {
        throw new NotReady("downward API item " + item.getPath() + ": only fieldRef is supported");
      }
      String value = fields.resolve(item.getFieldRef().getFieldPath());
      write(dir.resolve(item.getPath()), value.getBytes(StandardCharsets.UTF_8),
          item.getMode() == null ? 0644 : item.getMode());
    }
  }

  private static void writeFiles(Path dir, Map<String, byte[]> data, List<KeyToPath> items, Integer mode)
      throws IOException {
    Files.createDirectories(dir);
    int fileMode = mode == null ? 0644 : mode;
    if (items == null || items.isEmpty()) {
      for (var e : data.entrySet()) {
        write(dir.resolve(e.getKey()), e.getValue(), fileMode);
      }
    } else {
      for (KeyToPath item : items) {
        byte[] content = data.get(item.getKey());
        if (content != null) {
          write(dir.resolve(item.getPath()), content, item.getMode() == null ? fileMode : item.getMode());
        }
      }
    }
  }

  private static void write(Path file, byte[] content, int mode) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setPosixFilePermissions(file, permissions(mode));
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = new java.util.HashSet<>();
    PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }

  private static Map<String, byte[]> decode(Secret s) {
    Map<String, byte[]> out = new HashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
    }
    if (s.getStringData() != null) {
      s.getStringData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static Map<String, byte[]> bytes(ConfigMap cm) {
    Map<String, byte[]> out = new HashMap<>();
    if (cm.getData() != null) {
      cm.getData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    if (cm.getBinaryData() != null) {
      cm.getBinaryData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
    }
    return out;
  }
}
