package io.blockyard.testbed.node;

import io.blockyard.testbed.HostProcess;
import io.blockyard.testbed.Programs;
import io.blockyard.testbed.TestbedException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a cluster has beside its nodes: CoreDNS as a Deployment behind the cluster DNS Service, so that
 * {@code <service>.<namespace>.svc} resolves in pods, and a dynamic provisioner (local-path-provisioner) with a
 * default StorageClass, so that PersistentVolumeClaims bind as they would on a cluster.
 */
public final class ClusterAddons implements AutoCloseable {
  public static final String STORAGE_CLASS = "local-path";
  static final String PROVISIONER_NAMESPACE = "local-path-storage";
  private final Path dir;
  private final NodeAddresses addresses;
  private final NodeImages images;
  private HostProcess provisioner;

  public ClusterAddons(Path dir, NodeAddresses addresses, NodeImages images) {
    this.dir = dir;
    this.addresses = addresses;
    this.images = images;
  }

  /** @param healthy throws when a program the add-ons need (the control plane, the node) has died */
  public void start(KubernetesClient admin, Programs programs, Path adminKubeconfig, Runnable healthy) {
    apply(admin, coreDns());
    apply(admin, storage());
    // A controller that only talks to the API server: it runs on the host; its helper pods run on the node.
    provisioner = HostProcess.start("local-path-provisioner", List.of(
        programs.binary("local-path-provisioner", "local-path-provisioner").toString(),
        "start", "--kubeconfig=" + adminKubeconfig, "--namespace=" + PROVISIONER_NAMESPACE,
        "--service-account-name=local-path-provisioner", "--configmap-name=local-path-config",
        "--helper-image=" + images.reference("blockyard/busybox:")), dir.resolve("local-path-provisioner.log"),
        Map.of());
    awaitDns(admin, healthy);
  }

  private void awaitDns(KubernetesClient admin, Runnable healthy) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Deployment d = admin.apps().deployments().inNamespace("kube-system").withName("coredns").get();
      if (d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
          && d.getStatus().getReadyReplicas() > 0) {
        return;
      }
      checkAlive();
      healthy.run();
      if (System.nanoTime() > deadline) {
        throw new TestbedException("CoreDNS did not become ready within 60 s: kubectl -n kube-system describe "
            + "pod -l k8s-app=kube-dns");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TestbedException("interrupted while waiting for CoreDNS");
      }
    }
  }

  public void checkAlive() {
    if (provisioner != null) {
      provisioner.checkAlive();
    }
  }

  private static void apply(KubernetesClient admin, String yaml) {
    List<HasMetadata> items = admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata item : items) {
      admin.resource(item).forceConflicts().serverSideApply();
    }
  }

  private String coreDns() {
    return """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: coredns, namespace: kube-system}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:coredns"}
        rules:
        - apiGroups: [""]
          resources: [endpoints, services, pods, namespaces]
          verbs: [list, watch]
        - apiGroups: [discovery.k8s.io]
          resources: [endpointslices]
          verbs: [list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "system:coredns"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:coredns"}
        subjects: [{kind: ServiceAccount, name: coredns, namespace: kube-system}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: coredns, namespace: kube-system}
        data:
          Corefile: |
            .:1053 {
                errors
                ready :8181
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                    pods insecure
                    fallthrough in-addr.arpa ip6.arpa
                    ttl 5
                }
                cache 5
                loop
            }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
        spec:
          replicas: 1
          selector: {matchLabels: {k8s-app: kube-dns}}
          template:
            metadata: {labels: {k8s-app: kube-dns}}
            spec:
              serviceAccountName: coredns
              priorityClassName: system-cluster-critical
              dnsPolicy: Default
              securityContext:
                runAsNonRoot: true
                runAsUser: 65532
                runAsGroup: 65532
                seccompProfile: {type: RuntimeDefault}
              containers:
              - name: coredns
                image: %s
                imagePullPolicy: Never
                args: [-conf, /etc/coredns/Corefile]
                ports:
                - {name: dns, containerPort: 1053, protocol: UDP}
                - {name: dns-tcp, containerPort: 1053, protocol: TCP}
                readinessProbe:
                  httpGet: {path: /ready, port: 8181}
                  periodSeconds: 1
                resources:
                  requests: {cpu: 10m, memory: 32Mi}
                  limits: {memory: 128Mi}
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities: {drop: [ALL]}
                volumeMounts: [{name: config, mountPath: /etc/coredns, readOnly: true}]
              volumes: [{name: config, configMap: {name: coredns}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
        spec:
          clusterIP: %s
          selector: {k8s-app: kube-dns}
          ports:
          - {name: dns, port: 53, targetPort: 1053, protocol: UDP}
          - {name: dns-tcp, port: 53, targetPort: 1053, protocol: TCP}
        """.formatted(images.reference("blockyard/coredns:"), addresses.clusterDnsIp());
  }

  private String storage() {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: local-path-provisioner, namespace: %1$s}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: %2$s
          annotations: {storageclass.kubernetes.io/is-default-class: "true"}
        provisioner: rancher.io/local-path
        volumeBindingMode: WaitForFirstConsumer
        reclaimPolicy: Delete
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: local-path-config, namespace: %1$s}
        data:
          config.json: |-
            {"nodePathMap": [{"node": "DEFAULT_PATH_FOR_NON_LISTED_NODES", "paths": ["%3$s"]}]}
          setup: |-
            #!/bin/sh
            set -eu
            mkdir -m 0777 -p "$VOL_DIR"
          teardown: |-
            #!/bin/sh
            set -eu
            rm -rf "$VOL_DIR"
          helperPod.yaml: |-
            apiVersion: v1
            kind: Pod
            metadata:
              name: helper-pod
            spec:
              containers:
              - name: helper-pod
                image: %4$s
                imagePullPolicy: Never
        """.formatted(PROVISIONER_NAMESPACE, STORAGE_CLASS, dir.resolve("volumes"),
        images.reference("blockyard/busybox:"));
  }

  @Override
  public void close() {
    if (provisioner != null) {
      provisioner.close();
      provisioner = null;
    }
  }
}
