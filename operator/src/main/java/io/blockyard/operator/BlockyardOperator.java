package io.blockyard.operator;

import io.blockyard.operator.activity.LightningActivityReconciler;
import io.blockyard.operator.bitcoin.BitcoinNetworkReconciler;
import io.blockyard.operator.bitcoin.NodeClients;
import io.blockyard.operator.lightning.LndClients;
import io.blockyard.operator.lightning.LightningChannelReconciler;
import io.blockyard.operator.lightning.LightningNodeReconciler;
import io.blockyard.rpc.SharedHttpClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's main: every reconciler, one client (in-cluster config, or KUBECONFIG outside a cluster). */
public final class BlockyardOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockyardOperator.class);
  /** Reconciles at once; JOSDK's default of 50 keeps 50 threads once a fleet has been busy. */
  static final int RECONCILE_THREADS = 10;
  /** Dependents reconciled at once, across all resources. */
  static final int WORKFLOW_THREADS = 6;
  /** Threads that run every node client's HTTP work. */
  static final int HTTP_THREADS = 4;
  private final Operator operator;
  private final SharedHttpClients http = new SharedHttpClients(HTTP_THREADS);
  private final LightningActivityReconciler activities;

  public BlockyardOperator(KubernetesClient client) {
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
        .withConcurrentReconciliationThreads(RECONCILE_THREADS)
        .withConcurrentWorkflowExecutorThreads(WORKFLOW_THREADS));
    NodeClients bitcoinClients = new NodeClients(http);
    LndClients lndClients = new LndClients(http);
    operator.register(new BitcoinNetworkReconciler(bitcoinClients));
    operator.register(new LightningNodeReconciler(lndClients));
    operator.register(new LightningChannelReconciler(bitcoinClients, lndClients));
    activities = new LightningActivityReconciler(lndClients);
    operator.register(activities);
  }

  public BlockyardOperator start() {
    operator.start();
    LOG.info("Blockyard operator started");
    return this;
  }

  @Override
  public void close() {
    operator.stop();
    activities.close();
    http.close();
  }

  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    BlockyardOperator operator = new BlockyardOperator(client).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
    }, "operator-shutdown"));
  }
}
