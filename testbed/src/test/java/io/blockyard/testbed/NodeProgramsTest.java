package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The other node images on the node: the bitcoind image (Bitcoin Core's RPC) and lnd against a btcd pod. */
@ExtendWith(SharedTestbed.class)
class NodeProgramsTest {
  static final String NS = "node-programs";
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

  static Pod readyPod(String name, Duration within) {
    await().atMost(within).ignoreExceptions().until(
        () -> TestNodes.isReady(client.pods().inNamespace(NS).withName(name).get()));
    return client.pods().inNamespace(NS).withName(name).get();
  }

  /** The bitcoind image (bcoin behind Bitcoin Core's command line on the test bed) answers Core's RPC. */
  @Test
  void theBitcoindImageRunsAndAnswersBitcoinCoreRpc() throws Exception {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: bitcoind}
        spec:
          securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true}
          containers:
          - name: bitcoind
            image: bitcoin/bitcoin:28.1
            args: [-regtest, -datadir=/data, -rpcbind=0.0.0.0, -rpcallowip=0.0.0.0/0, -rpcport=18443, -port=18444,
                   -rpcuser=x, -rpcpassword=test-api-key]
            readinessProbe:
              tcpSocket: {port: 18443}
              periodSeconds: 1
            volumeMounts: [{name: data, mountPath: /data}]
          volumes: [{name: data, emptyDir: {}}]
        """);
    Pod pod = readyPod("bitcoind", Duration.ofSeconds(90));
    String url = "http://" + pod.getStatus().getPodIP() + ":18443/";
    assertThat(TestNodes.rpc(url, "x", "test-api-key", "getblockcount").asLong()).isZero();
    String address = TestNodes.p2pkhAddress(TestNodes.BCOIN_REGTEST_P2PKH);
    JsonNode hashes = TestNodes.rpc(url, "x", "test-api-key", "generatetoaddress", 2, address);
    assertThat(hashes).hasSize(2);
    assertThat(TestNodes.rpc(url, "x", "test-api-key", "getblockcount").asLong()).isEqualTo(2);
  }

  @Test
  void lndRunsAgainstBtcdAndFollowsItsChain(@TempDir Path tmp) throws Exception {
    String btcdHost = "ln-btcd-0.ln-btcd." + NS + ".svc.cluster.local";
    Shell.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve("tls.key").toString(), "-out", tmp.resolve("tls.crt").toString(), "-days", "2",
        "-subj", "/CN=ln-btcd", "-addext", "subjectAltName=DNS:" + btcdHost + ",IP:127.0.0.1");
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("ln-btcd-tls")
        .endMetadata().withStringData(Map.of("tls.crt", Files.readString(tmp.resolve("tls.crt")),
            "tls.key", Files.readString(tmp.resolve("tls.key")))).build()).serverSideApply();
    String miningAddress = TestNodes.p2pkhAddress(TestNodes.REGTEST_P2PKH);
    apply("""
        apiVersion: v1
        kind: Service
        metadata: {name: ln-btcd}
        spec: {clusterIP: None, selector: {app: ln-btcd}, ports: [{name: rpc, port: 18334}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ln-btcd}
        spec:
          serviceName: ln-btcd
          replicas: 1
          selector: {matchLabels: {app: ln-btcd}}
          template:
            metadata: {labels: {app: ln-btcd}}
            spec:
              containers:
              - name: btcd
                image: blockyard/btcd:v0.26.2
                args: [--regtest, --datadir=/data, --logdir=/data, --rpcuser=lnd, --rpcpass=lnd-test-pass,
                       --rpclisten=0.0.0.0:18334, --rpccert=/tls/tls.crt, --rpckey=/tls/tls.key,
                       --miningaddr=%s, --txindex]
                readinessProbe: {tcpSocket: {port: 18334}, periodSeconds: 1}
                volumeMounts: [{name: data, mountPath: /data}, {name: tls, mountPath: /tls, readOnly: true}]
              volumes:
              - {name: data, emptyDir: {}}
              - {name: tls, secret: {secretName: ln-btcd-tls}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: lnd}
        spec:
          containers:
          - name: lnd
            image: lightninglabs/lnd:v0.20.1-beta
            env: [{name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}]
            args: [--lnddir=/data, --bitcoin.regtest, --bitcoin.node=btcd, --btcd.rpchost=%s:18334,
                   --btcd.rpcuser=lnd, --btcd.rpcpass=lnd-test-pass, --btcd.rpccert=/btcd-tls/tls.crt,
                   --noseedbackup, --restlisten=0.0.0.0:8080, --rpclisten=0.0.0.0:10009, --listen=0.0.0.0:9735,
                   --tlsextraip=$(POD_IP)]
            readinessProbe:
              httpGet: {scheme: HTTPS, path: /v1/state, port: 8080}
              periodSeconds: 1
            volumeMounts: [{name: data, mountPath: /data}, {name: btcd-tls, mountPath: /btcd-tls, readOnly: true}]
          volumes:
          - {name: data, emptyDir: {}}
          - name: btcd-tls
            secret: {secretName: ln-btcd-tls, items: [{key: tls.crt, path: tls.crt}]}
        """.formatted(miningAddress, btcdHost));
    Pod btcd = readyPod("ln-btcd-0", Duration.ofSeconds(60));
    String btcdUrl = "https://" + btcd.getStatus().getPodIP() + ":18334/";
    TestNodes.rpc(btcdUrl, "lnd", "lnd-test-pass", "generate", 3);
    Pod lnd = readyPod("lnd", Duration.ofSeconds(120));
    String rest = "https://" + lnd.getStatus().getPodIP() + ":8080";
    // The macaroon lives in the pod's volume: read it the way a user would, through kubectl exec.
    String macaroonHex = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Shell.run(
        testbed.programs().binary("kubernetes", "kubectl").toString(), "--kubeconfig", testbed.kubeconfig().toString(),
        "-n", NS, "exec", "lnd", "--", "od", "-An", "-v", "-tx1", "/data/data/chain/bitcoin/regtest/admin.macaroon")
        .replaceAll("\\s", ""), hex -> !hex.isEmpty());
    Map<String, String> auth = Map.of("Grpc-Metadata-macaroon", macaroonHex);
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      JsonNode info = TestNodes.getJson(rest + "/v1/getinfo", auth);
      assertThat(info.get("block_height").asLong()).isEqualTo(3);
      assertThat(info.get("identity_pubkey").asText()).hasSize(66);
    });
    TestNodes.rpc(btcdUrl, "lnd", "lnd-test-pass", "generate", 1);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
        TestNodes.getJson(rest + "/v1/getinfo", auth).get("block_height").asLong()).isEqualTo(4));
  }
}
