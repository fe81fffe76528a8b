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

/**
 * What the process kubelet does for a single pod: restarts, image errors, volumes, environment, users, storage, probes
 * and termination.
 */
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

  @Test
  void aPodWithRestartPolicyOnFailureIsRestartedOnlyAfterAFailure() {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: on-failure-ok}
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'exit 0']}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: on-failure-fails}
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: main, image: busybox, command: [sh, -c, 'sleep 0.3; exit 5']}
        """);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      Pod ok = pod("on-failure-ok");
      assertThat(ok.getStatus().getPhase()).isEqualTo("Succeeded");
      assertThat(ok.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
      ContainerStatus failing = pod("on-failure-fails").getStatus().getContainerStatuses().get(0);
      assertThat(failing.getRestartCount()).isGreaterThanOrEqualTo(2);
      assertThat(failing.getLastState().getTerminated().getExitCode()).isEqualTo(5);
    });
    assertThat(pod("on-failure-fails").getStatus().getPhase()).isEqualTo("Running");
  }

  /**
   * A TCP probe (from the host to the pod IP) and an exec probe (inside the container's mount namespace: /ctl exists
   * only there) each decide their container's readiness, and the pod is Ready only while both are; the test flips
   * them through files in the pod's emptyDir.
   */
  @Test
  void readinessFollowsTcpAndExecProbesPerContainer() throws Exception {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: probed}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: listener
            image: busybox
            command: [python3, -c]
            args:
            - |
              import os, socket, time
              server = None
              while True:
                  wanted = os.path.exists('/ctl/listen')
                  if wanted and server is None:
                      server = socket.socket()
                      server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                      server.bind(('0.0.0.0', 9000))
                      server.listen()
                      server.settimeout(0.2)
                  elif not wanted and server is not None:
                      server.close()
                      server = None
                  if server is None:
                      time.sleep(0.2)
                      continue
                  try:
                      server.accept()[0].close()
                  except socket.timeout:
                      pass
            readinessProbe:
              tcpSocket: {port: 9000}
              periodSeconds: 1
            volumeMounts: [{name: ctl, mountPath: /ctl}]
          - name: checker
            image: busybox
            command: [sh, -c, 'sleep 3600']
            readinessProbe:
              exec: {command: [test, -f, /ctl/ready]}
              periodSeconds: 1
            volumeMounts: [{name: ctl, mountPath: /ctl}]
          volumes: [{name: ctl, emptyDir: {}}]
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(pod("probed").getStatus().getPhase()).isEqualTo("Running"));
    Path ctl = testbed.kubelet().podVolume(pod("probed").getMetadata().getUid(), "ctl");
    awaitReadiness(false, false);

    Files.writeString(ctl.resolve("listen"), "");
    awaitReadiness(true, false);
    Files.writeString(ctl.resolve("ready"), "");
    awaitReadiness(true, true);
    assertThat(Path.of("/ctl/ready")).as("the exec probe saw the container's mounts, not the host's").doesNotExist();
    Files.delete(ctl.resolve("listen"));
    awaitReadiness(false, true);
    Files.delete(ctl.resolve("ready"));
    awaitReadiness(false, false);
  }

  private static void awaitReadiness(boolean listener, boolean checker) {
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      Pod pod = pod("probed");
      Map<String, Boolean> ready = new java.util.HashMap<>();
      pod.getStatus().getContainerStatuses().forEach(c -> ready.put(c.getName(), c.getReady()));
      assertThat(ready).containsEntry("listener", listener).containsEntry("checker", checker);
      assertThat(TestNodes.isReady(pod)).isEqualTo(listener && checker);
    });
  }

  /**
   * Deletion sends SIGTERM and waits for the grace period: a container that exits on SIGTERM goes at once, one that
   * ignores it is killed when its grace period is over, and only then is the pod object released.
   */
  @Test
  void deletionSendsSigtermThenSigkillAfterTheGracePeriod() throws Exception {
    // Not under /tmp: a container's /tmp is its own.
    Path out = Files.createDirectories(SharedTestbed.freshDir("pod-termination"));
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: polite}
        spec:
          terminationGracePeriodSeconds: 60
          containers:
          - name: main
            image: busybox
            command: [sh, -c, 'trap "echo got-term > /out/polite; exit 0" TERM; while true; do sleep 0.2; done']
            volumeMounts: [{name: out, mountPath: /out}]
          volumes: [{name: out, hostPath: {path: %1$s}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: stubborn}
        spec:
          terminationGracePeriodSeconds: 4
          containers:
          - name: main
            image: busybox
            command: [sh, -c, 'trap "echo got-term > /out/stubborn" TERM; while true; do sleep 0.2; done']
            volumeMounts: [{name: out, mountPath: /out}]
          volumes: [{name: out, hostPath: {path: %1$s}}]
        """.formatted(out));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(TestNodes.isReady(pod("polite"))).isTrue();
      assertThat(TestNodes.isReady(pod("stubborn"))).isTrue();
    });
    long politePid = containerPid(pod("polite"));
    long stubbornPid = containerPid(pod("stubborn"));
    String politeUid = pod("polite").getMetadata().getUid();

    long start = System.nanoTime();
    client.pods().inNamespace(NS).withName("polite").delete();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> pod("polite") == null);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a container that exits on SIGTERM is not "
        + "kept for its 60 s grace period").isLessThan(Duration.ofSeconds(15));
    assertThat(Files.readString(out.resolve("polite"))).isEqualTo("got-term\n");
    assertThat(ProcessHandle.of(politePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Path.of("/run/netns", testbed.kubelet().nodeName() + "-" + politeUid))
        .as("the pod's network namespace is removed").doesNotExist();
    assertThat(testbed.kubelet().podVolume(politeUid, "out").getParent().getParent())
        .as("the pod's files are removed").doesNotExist();
    assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(politeUid);

    start = System.nanoTime();
    client.pods().inNamespace(NS).withName("stubborn").delete();
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(out.resolve("stubborn")));
    assertThat(ProcessHandle.of(stubbornPid).map(ProcessHandle::isAlive).orElse(false))
        .as("a container that ignores SIGTERM still runs during its grace period").isTrue();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> pod("stubborn") == null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("the pod is released once SIGKILL ended it after its 4 s grace period")
        .isGreaterThanOrEqualTo(Duration.ofMillis(3500)).isLessThan(Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(5)).until(() -> !ProcessHandle.of(stubbornPid).map(ProcessHandle::isAlive)
        .orElse(false));
    assertThat(Files.readString(out.resolve("stubborn"))).isEqualTo("got-term\n");
  }

  private static long containerPid(Pod pod) {
    return Long.parseLong(pod.getStatus().getContainerStatuses().get(0).getContainerID()
        .substring("process://".length()));
  }
}
