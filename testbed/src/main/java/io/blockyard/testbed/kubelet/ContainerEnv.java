package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A container's environment as Kubernetes defines it: envFrom, then env (with valueFrom and $(VAR) expansion). */
final class ContainerEnv {
  private ContainerEnv() {}

  static Map<String, String> resolve(Container c, String namespace, FieldRefs fields, KubernetesClient client,
      String home) throws PodVolumes.NotReady {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", ContainerRunner.PATH);
    env.put("HOME", home);
    env.put("HOSTNAME", fields.pod().getSpec().getHostname() != null ? fields.pod().getSpec().getHostname()
        : fields.pod().getMetadata().getName());
    if (c.getEnvFrom() != null) {
      for (EnvFromSource from : c.getEnvFrom()) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        if (from.getSecretRef() != null) {
          Secret s = client.secrets().inNamespace(namespace).withName(from.getSecretRef().getName()).get();
          if (s == null) {
            if (!Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
              throw new PodVolumes.NotReady("secret \"" + from.getSecretRef().getName() + "\" not found (envFrom)");
            }
          } else if (s.getData() != null) {
            s.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
          }
        } else if (from.getConfigMapRef() != null) {
          ConfigMap cm = client.configMaps().inNamespace(namespace).withName(from.getConfigMapRef().getName()).get();
          if (cm == null) {
            if (!Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
              throw new PodVolumes.NotReady("configmap \"" + from.getConfigMapRef().getName()
                  + "\" not found (envFrom)");
            }
          } else if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> env.put(prefix + k, v));
          }
        }
      }
    }
    if (c.getEnv() != null) {
      for (EnvVar v : c.getEnv()) {
        String value = value(v, namespace, fields, client);
        if (value != null) {
          env.put(v.getName(), VarExpansion.expand(value, env));
        }
      }
    }
    return env;
  }

  private static String value(EnvVar v, String namespace, FieldRefs fields, KubernetesClient client)
      throws PodVolumes.NotReady {
    if (v.getValueFrom() == null) {
      return v.getValue() == null ? "" : v.getValue();
    }
    var from = v.getValueFrom();
    if (from.getFieldRef() != null) {
      return fields.resolve(from.getFieldRef().getFieldPath());
    }
    if (from.getSecretKeyRef() != null) {
      var ref = from.getSecretKeyRef();
      Secret s = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
      String data = s == null || s.getData() == null ? null : s.getData().get(ref.getKey());
      if (data == null) {
        if (Boolean.TRUE.equals(ref.getOptional())) {
          return null;
        }
        throw new PodVolumes.NotReady("secret \"" + ref.getName() + "\" or its key \"" + ref.getKey()
            + "\" not found (env " + v.getName() + ")");
      }
      return decode(data);
    }
    if (from.getConfigMapKeyRef() != null) {
      var ref = from.getConfigMapKeyRef();
      ConfigMap cm = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
      String data = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
      if (data == null) {
        if (Boolean.TRUE.equals(ref.getOptional())) {
          return null;
        }
        throw new PodVolumes.NotReady("configmap \"" + ref.getName() + "\" or its key \"" + ref.getKey()
            + "\" not found (env " + v.getName() + ")");
      }
      return data;
    }
    if (from.getResourceFieldRef() != null) {
      return "0";
    }
    return "";
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
