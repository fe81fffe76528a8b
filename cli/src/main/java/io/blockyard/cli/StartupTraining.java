package io.blockyard.cli;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.RpcEndpoint;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine;

/**
 * The training run the launcher makes once per installation under {@code -XX:ArchiveClassesAtExit}: it goes the
 * way commands go (the command line and every command's help, the client built from the current kubeconfig, TLS and
 * one request to its API server, the answer decoded, a status table, a node RPC attempt), so that the archive the
 * JVM leaves holds the classes a command loads. It reads one BitcoinNetwork that does not exist, prints nothing,
 * and exits with 0 only if an API server answered (the launcher keeps no archive made without one).
 */
final class StartupTraining {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private StartupTraining() {}

  public static void main(String[] args) {
    // An API server that cannot be reached (or a name that does not resolve) ends the training soon.
    Thread deadline = new Thread(() -> {
      try {
        Thread.sleep(DEADLINE.toMillis());
        Runtime.getRuntime().halt(3);
      } catch (InterruptedException done) {
        // finished in time
      }
    });
    deadline.setDaemon(true);
    deadline.start();
    System.setProperty("kubernetes.request.retry.backoffLimit", "0");
    System.setProperty("kubernetes.connection.timeout", "3000");
    System.setProperty("kubernetes.request.timeout", "5000");
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    KubectlBlockyard root = new KubectlBlockyard();
    CommandLine cli = KubectlBlockyard.commandLine(root).setOut(sink).setErr(sink);
    cli.execute("--help");
    cli.getSubcommands().keySet().forEach(command -> cli.execute(command, "--help"));

    boolean answered;
    try {
      // A GET that the API server answers with 404 (or 403): the path of every command, without reading anything.
      answered = root.client().resources(BitcoinNetwork.class).inNamespace(root.namespace())
          .withName("blockyard-startup-training-" + UUID.randomUUID()).get() == null;
    } catch (KubernetesClientException e) {
      answered = e.getCode() > 0;
    }
    KubernetesSerialization json = root.client().getKubernetesSerialization();
    StatusCommand.print(json.unmarshal(NETWORK, BitcoinNetwork.class), sink);
    json.unmarshal(SECRET, Secret.class);
    json.unmarshal(LIGHTNING_NODE, LightningNode.class);
    try {
      // Nothing listens on port 1 of the loopback: the RPC client's request path up to the refused connection.
      BitcoinNode.connect(Implementation.BTCD, RpcEndpoint.http("127.0.0.1", 1)
          .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))).blockCount();
    } catch (RuntimeException refused) {
      // expected
    }
    root.close();
    System.exit(answered ? 0 : 3);
  }

  private static final String NETWORK = """
      {"apiVersion": "blockyard.io/v1alpha1", "kind": "BitcoinNetwork",
       "metadata": {"name": "training", "namespace": "default", "generation": 1,
                    "creationTimestamp": "2026-01-01T00:00:00Z"},
       "spec": {"replicas": 1, "implementation": "btcd", "chain": "regtest", "mining": {"initialBlocks": 101}},
       "status": {"observedGeneration": 1, "replicas": 1, "readyReplicas": 1, "blockHeight": 101,
                  "bestBlockHash": "00", "nodes": [{"ordinal": 0, "pod": "training-0", "ready": true,
                  "ip": "10.0.0.1", "blockHeight": 101, "peers": 0, "addedNodes": []}],
                  "conditions": [{"type": "Ready", "status": "True", "reason": "AllNodesReady", "message": "ok",
                                  "lastTransitionTime": "2026-01-01T00:00:00Z", "observedGeneration": 1}]}}
      """;

  private static final String SECRET = """
      {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "training-connection", "namespace": "default"},
       "type": "Opaque", "data": {"port": "MTgzMzQ="}}
      """;

  private static final String LIGHTNING_NODE = """
      {"apiVersion": "blockyard.io/v1alpha1", "kind": "LightningNode",
       "metadata": {"name": "training", "namespace": "default"}, "spec": {}, "status": {}}
      """;
}
