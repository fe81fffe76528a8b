package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a real cluster checks, on the test bed's node: pods in containerd under their own user and limits, logs,
 * exec and port-forward through the API server, cluster DNS and Services through kube-proxy, dynamic volumes,
 * and the kubelet's own reason for an image that is not there.
 */
@ExtendWith(SharedTestbed.class)
class NodeTest {
  static final String NS = "node-test";
  static Testbed testbed;
  static KubernetesClient client;
  static String busybox;

  @BeforeAll
  static void createNamespace(Testbed bed) {
    testbed = bed;
    client = bed.client();
    busybox = bed.images().reference("blockyard/busybox:");
    TestNodes.createNamespace(client, NS);
    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          securityContext: {runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true}
          volumes: [{name: www, emptyDir: {}}]
          containers:
          - name: main
            image: %s
            command: [sh, -c, 'echo hello from web; echo it-works > /www/index.html; exec httpd -f -p 8080 -h /www']
            volumeMounts: [{name: www, mountPath: /www}]
            resources: {limits: {memory: 64Mi}}
            readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """.formatted(busybox));
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> TestNodes.isReady(client.pods().inNamespace(NS).withName("web").get()));
  }

  static String kubectl(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        testbed.programs().binary("kubernetes", "kubectl").toString(), "--kubeconfig",
        testbed.kubeconfig().toString(), "-n", NS));
    cmd.addAll(List.of(args));
    return Shell.run(cmd.toArray(String[]::new));
  }

  @Test
  void aPodRunsInContainerdAsItsNonRootUserWithItsMemoryLimitInItsCgroup() {
    Pod web = client.pods().inNamespace(NS).withName("web").get();
    assertThat(web.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("containerd://");
    assertThat(web.getSpec().getNodeName()).isEqualTo(testbed.options().name());
    assertThat(kubectl("exec", "web", "--", "id", "-u").strip()).isEqualTo("1000");
    assertThat(kubectl("exec", "web", "--", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").strip())
        .isEqualTo(String.valueOf(64L * 1024 * 1024));
  }

  @Test
  void kubectlLogsExecAndPortForwardGoThroughTheApiServerToTheKubelet() throws Exception {
    assertThat(kubectl("logs", "web")).contains("hello from web");
    assertThat(kubectl("exec", "web", "--", "cat", "/www/index.html").strip()).isEqualTo("it-works");
    int local = Ports.free();
    Process forward = new ProcessBuilder(testbed.programs().binary("kubernetes", "kubectl").toString(),
        "--kubeconfig", testbed.kubeconfig().toString(), "-n", NS, "port-forward", "pod/web", local + ":8080")
        .redirectErrorStream(true).start();
    try {
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> get("http://127.0.0.1:" + local + "/").equals("it-works\n"));
    } finally {
      forward.destroy();
    }
  }

  @Test
  void aServiceResolvesByItsDnsNameInAPodAndAnswersOnItsClusterIp() throws Exception {
    String clusterIp = client.services().inNamespace(NS).withName("web").get().getSpec().getClusterIP();
    assertThat(clusterIp).startsWith(testbed.addresses().serviceCidr().substring(0,
        testbed.addresses().serviceCidr().lastIndexOf('.')));
    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: Pod
        metadata: {name: client}
        spec:
          securityContext: {runAsUser: 1000, runAsNonRoot: true}
          containers:
          - {name: main, image: %s, command: [sleep, '3600']}
        """.formatted(busybox));
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> TestNodes.isReady(client.pods().inNamespace(NS).withName("client").get()));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(kubectl("exec", "client", "--", "nslookup", "web." + NS + ".svc.cluster.local"))
            .contains(clusterIp));
    // busybox-static's wget and nc look host names up through glibc, which a static binary cannot load: connect to
    // the address the pod's DNS answered.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(httpFromPod("client", clusterIp)).endsWith("it-works\n"));
    // The host reaches the same ClusterIP through kube-proxy on the node, and so does the pod behind it (hairpin).
    assertThat(get("http://" + clusterIp + "/")).isEqualTo("it-works\n");
    assertThat(httpFromPod("web", clusterIp)).endsWith("it-works\n");
  }

  @Test
  void aClaimIsBoundByTheProvisionerAndWritableByANonRootPod() {
    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 10Mi}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: writer}
        spec:
          securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true}
          restartPolicy: Never
          containers:
          - {name: main, image: %s, command: [sh, -c, 'echo kept > /data/file && cat /data/file'],
             volumeMounts: [{name: data, mountPath: /data}]}
          volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
        """.formatted(busybox));
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> assertThat(
        client.pods().inNamespace(NS).withName("writer").get().getStatus().getPhase()).isEqualTo("Succeeded"));
    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(NS).withName("data").get();
    assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("local-path");
    PersistentVolume volume = client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
    assertThat(volume.getSpec().getStorageClassName()).isEqualTo("local-path");
    assertThat(kubectl("logs", "writer").strip()).isEqualTo("kept");
  }

  @Test
  void aPodWhoseImageIsMissingShowsTheKubeletsReason() {
    TestNodes.apply(client, NS, """
        apiVersion: v1
        kind: Pod
        metadata: {name: missing}
        spec:
          containers:
          - {name: main, image: blockyard/no-such-image:1.0}
        """);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      ContainerStateWaiting waiting = client.pods().inNamespace(NS).withName("missing").get().getStatus()
          .getContainerStatuses().get(0).getState().getWaiting();
      assertThat(waiting.getReason()).isIn("ErrImagePull", "ImagePullBackOff");
      assertThat(waiting.getMessage()).contains("blockyard/no-such-image:1.0");
    });
  }

  private static String httpFromPod(String pod, String ip) {
    return kubectl("exec", pod, "--", "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + ip + " 80");
  }

  private static String get(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

}
