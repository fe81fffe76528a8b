package io.blockyard.operator;

import io.blockyard.operator.bitcoin.BitcoinNetworkReconciler;
import io.blockyard.operator.lightning.LightningChannelReconciler;
import io.blockyard.operator.lightning.LightningNodeReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's main: every reconciler, one client (in-cluster config, or KUBECONFIG outside a cluster). */
public final class BlockyardOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockyardOperator.class);
  private final Operator operator;

  public BlockyardOperator(KubernetesClient client) {
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(new BitcoinNetworkReconciler());
    operator.register(new LightningNodeReconciler());
    operator.register(new LightningChannelReconciler());
  }

  public BlockyardOperator start() {
    operator.start();
    LOG.info("Blockyard operator started");
    return this;
  }

  @Override
  public void close() {
    operator.stop();
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
