package io.blockyard.operator;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The operator's process: settings from flags and the environment, the log's level and format, the operator, its
 * probes and metrics, and a graceful stop on SIGTERM (running reconciles finish, the Lease is given up).
 */
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
      new CommandLine(new OperatorConfig()).usage(System.out);
      return;
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.parse(args);
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      System.err.println("blockyard-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Read by logback.xml; set before the first logger exists.
    System.setProperty("blockyard.log.level", config.logLevel().toUpperCase(java.util.Locale.ROOT));
    System.setProperty("blockyard.log.format", config.logFormat().name().toUpperCase(java.util.Locale.ROOT));
    Logger log = LoggerFactory.getLogger(OperatorMain.class);

    DefaultImages.use(config.defaultImages());
    KubernetesClient client = new KubernetesClientBuilder().build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    BlockyardOperator operator = new BlockyardOperator(client, config, registry);
    DomainMetrics domain = new DomainMetrics(registry,
        () -> operator.<BitcoinNetwork>cached(BlockyardOperator.NETWORKS),
        () -> operator.<LightningNode>cached(BlockyardOperator.LIGHTNING_NODES),
        () -> operator.<LightningChannel>cached(BlockyardOperator.CHANNELS));
    OperatorHttp http = config.httpPort() == 0 ? null
        : new OperatorHttp(new InetSocketAddress(config.httpPort()), operator::live, operator::ready, registry, domain::refresh).start();
    if (http != null) {
      log.info("/healthz, /readyz and /metrics on port {}", http.port());
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping: letting running reconciles finish (up to {})", config.shutdownTimeout());
      operator.close();
      if (http != null) {
        http.close();
      }
      client.close();
      log.info("Blockyard operator stopped");
      stopped.countDown();
    }, "operator-shutdown"));
    try {
      operator.start();
    } catch (RuntimeException e) {
      log.error("the operator could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
    stopped.await();
  }
}
