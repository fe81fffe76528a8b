package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The downward API: a pod's own fields as the kubelet sees them (name, namespace, labels, IPs, node). */
record FieldRefs(Pod pod, String podIp, String hostIp, String nodeName) {
  private static final Pattern KEYED = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

  String resolve(String fieldPath) throws PodVolumes.NotReady {
    var meta = pod.getMetadata();
    Matcher keyed = KEYED.matcher(fieldPath);
    if (keyed.matches()) {
      Map<String, String> map = keyed.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
      return map == null ? "" : map.getOrDefault(keyed.group(2), "");
    }
    return switch (fieldPath) {
      case "metadata.name" -> meta.getName();
      case "metadata.namespace" -> meta.getNamespace();
      case "metadata.uid" -> meta.getUid();
      case "metadata.labels" -> lines(meta.getLabels());
      case "metadata.annotations" -> lines(meta.getAnnotations());
      case "spec.nodeName" -> nodeName;
      case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName() == null ? "default"
          : pod.getSpec().getServiceAccountName();
      case "status.podIP", "status.podIPs" -> podIp;
      case "status.hostIP", "status.hostIPs" -> hostIp;
      default -> throw new PodVolumes.NotReady("unsupported downward API field " + fieldPath);
    };
  }

  private static String lines(Map<String, String> map) {
    StringBuilder sb = new StringBuilder();
    if (map != null) {
      new TreeMap<>(map).forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\"\n"));
    }
    return sb.toString();
  }
}
