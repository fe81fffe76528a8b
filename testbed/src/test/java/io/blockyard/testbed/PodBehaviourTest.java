package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the process kubelet does for a single pod: restarts, image errors, volumes, environment, users, storage. */
@ExtendWith(SharedTestbed.class)
class PodBehaviourTest {
  static final String NS = "pod-behaviour";
  static Testbed testbed;
  static KubernetesClient client;

  @BeforeAll
  static void createNamespace(Testbed bed) {
    testbed = bed;
    client = bed.client();
    TestNodes.createNamespace(client, NS);
  }

  static void apply(String yaml) {
    TestNodes.apply(client, NS, yaml);
  }

  static Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  static String log(Pod pod, String container) throws Exception {
    String dir = NS + "_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid().substring(0, 8);
    Path file = testbed.kubelet().logsDir().resolve(dir).resolve(container + ".log");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void aContainerWhoseProcessExitsIsRestartedAndItsRestartCountRises() {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: crasher}
        spec:
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'echo started; sleep 0.5; exit 3']}
        """);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      ContainerStatus status = pod("crasher").getStatus().getContainerStatuses().get(0);
      assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(2);
      assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
      assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
    });
    int before = pod("crasher").getStatus().getContainerStatuses().get(0).getRestartCount();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
        pod("crasher").getStatus().getContainerStatuses().get(0).getRestartCount()).isGreaterThan(before));
    assertThat(pod("crasher").getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aPodThatExitsWithRestartPolicyNeverEndsSucceededOrFailed() {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: one-shot}
        spec:
          restartPolicy: Never
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'exit 0']}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: one-shot-fails}
        spec:
          restartPolicy: Never
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'exit 7']}
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(pod("one-shot").getStatus().getPhase()).isEqualTo("Succeeded");
      assertThat(pod("one-shot-fails").getStatus().getPhase()).isEqualTo("Failed");
      assertThat(pod("one-shot-fails").getStatus().getContainerStatuses().get(0).getState().getTerminated()
          .getExitCode()).isEqualTo(7);
    });
  }

  @Test
  void anImageThatMapsToNoProgramIsReportedLikeAnImagePullError() {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: unknown-image}
        spec:
          containers:
          - {name: main, image: example.org/no-such-program:1.0}
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      Pod pod = pod("unknown-image");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
      var waiting = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting();
      assertThat(waiting.getReason()).isEqualTo("ErrImagePull");
      assertThat(waiting.getMessage()).contains("example.org/no-such-program:1.0").contains("maps to no local program");
    });
  }

  @Test
  void volumesEnvironmentHostnameAndUserAreThoseOfTheSpec() throws Exception {
    apply("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {greeting: hello-from-configmap}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: credentials}
        stringData: {token: s3cr3t-value}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: inspector, labels: {role: probe-me}}
        spec:
          hostname: inspector
          subdomain: things
          securityContext: {runAsUser: 1234, runAsGroup: 1234, fsGroup: 1234}
          containers:
          - name: main
            image: busybox
            env:
            - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: GREETING, valueFrom: {configMapKeyRef: {name: settings, key: greeting}}}
            - {name: COMBINED, value: "$(POD_NAME)-at-$(POD_IP)-$$(LITERAL)"}
            command: [sh, -c]
            args:
            - |
              echo "uid=$(id -u) host=$(hostname) combined=$COMBINED greeting=$GREETING"
              echo "config=$(cat /etc/settings/greeting) secret=$(cat /etc/credentials/token)"
              echo "labels=$(cat /etc/podinfo/labels)"
              echo "hosts=$(grep inspector /etc/hosts)"
              echo persisted > /work/file && echo "work=$(cat /work/file)"
              touch /tmp/private-marker && echo tmp-ok
              sleep 3600
            volumeMounts:
            - {name: settings, mountPath: /etc/settings}
            - {name: credentials, mountPath: /etc/credentials, readOnly: true}
            - {name: podinfo, mountPath: /etc/podinfo}
            - {name: work, mountPath: /work}
          volumes:
          - {name: settings, configMap: {name: settings}}
          - {name: credentials, secret: {secretName: credentials, defaultMode: 0440}}
          - name: podinfo
            downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
          - {name: work, emptyDir: {}}
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(log(pod("inspector"), "main")).contains("\ntmp-ok\n");
      assertThat(pod("inspector").getStatus().getPodIP()).isNotNull();
    });
    Pod pod = pod("inspector");
    String ip = pod.getStatus().getPodIP();
    assertThat(log(pod, "main"))
        .contains("uid=1234 host=inspector combined=inspector-at-" + ip + "-$(LITERAL) greeting=hello-from-configmap")
        .contains("config=hello-from-configmap secret=s3cr3t-value")
        .contains("labels=role=\"probe-me\"")
        .contains("hosts=" + ip + "\tinspector.things." + NS + ".svc.cluster.local")
        .contains("work=persisted");
    assertThat(Path.of("/tmp/private-marker")).as("/tmp is private to the container").doesNotExist();
  }

  @Test
  void aPodWaitsForAMissingSecretAndStartsOnceItExists() {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: waits-for-secret}
        spec:
          containers:
          - name: main
            image: busybox
            command: [sh, -c, 'sleep 3600']
            env: [{name: KEY, valueFrom: {secretKeyRef: {name: late-secret, key: key}}}]
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var waiting = pod("waits-for-secret").getStatus().getContainerStatuses().get(0).getState().getWaiting();
      assertThat(waiting.getReason()).isEqualTo("ContainerCreating");
      assertThat(waiting.getMessage()).contains("secret \"late-secret\"").contains("not found");
    });
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("late-secret")
        .endMetadata().withStringData(Map.of("key", "value")).build()).create();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      Pod pod = pod("waits-for-secret");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(TestNodes.isReady(pod)).isTrue();
    });
  }

  @Test
  void claimsFromVolumeClaimTemplatesAreBoundAndKeepTheirDataWhenThePodIsReplaced() {
    apply("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: keeper}
        spec:
          serviceName: keeper
          replicas: 1
          selector: {matchLabels: {app: keeper}}
          template:
            metadata: {labels: {app: keeper}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox
                command: [sh, -c, 'echo "boot" >> /data/boots; echo "boots=$(wc -l < /data/boots)"; sleep 3600']
                volumeMounts: [{name: data, mountPath: /data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
        """);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-keeper-0").get().getStatus()
          .getPhase()).isEqualTo("Bound");
      assertThat(log(pod("keeper-0"), "main")).contains("boots=1");
    });
    String uid = pod("keeper-0").getMetadata().getUid();
    client.pods().inNamespace(NS).withName("keeper-0").delete();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      Pod fresh = pod("keeper-0");
      assertThat(fresh).isNotNull();
      assertThat(fresh.getMetadata().getUid()).isNotEqualTo(uid);
      assertThat(log(fresh, "main")).contains("boots=2");
    });

    client.apps().statefulSets().inNamespace(NS).withName("keeper").delete();
    client.persistentVolumeClaims().inNamespace(NS).withName("data-keeper-0").delete();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(client.persistentVolumes().list()
        .getItems().stream().filter(pv -> pv.getSpec().getClaimRef() != null
            && pv.getSpec().getClaimRef().getName().equals("data-keeper-0"))).isEmpty());
  }

  @Test
  void readinessFollowsAnHttpProbe() {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - name: main
            image: busybox
            command: [sh, -c, 'sleep 2; touch /tmp/up; exec python3 -m http.server 8080 --directory /tmp']
            readinessProbe:
              httpGet: {path: /up, port: 8080}
              periodSeconds: 1
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(TestNodes.isReady(pod("web"))).isTrue());
    assertThat(Stream.of(pod("web").getStatus().getConditions()).flatMap(java.util.List::stream)
        .filter(c -> c.getType().equals("ContainersReady")).findFirst().orElseThrow().getStatus()).isEqualTo("True");
  }
}
