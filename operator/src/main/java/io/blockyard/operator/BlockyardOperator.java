package io.blockyard.operator;

import io.blockyard.operator.activity.LightningActivityReconciler;
import io.blockyard.operator.bitcoin.BitcoinNetworkReconciler;
import io.blockyard.operator.bitcoin.NodeClients;
import io.blockyard.operator.lightning.LndClients;
import io.blockyard.operator.lightning.LightningChannelReconciler;
import io.blockyard.operator.lightning.LightningNodeReconciler;
import io.blockyard.rpc.SharedHttpClients;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every reconciler on one client (in-cluster config, or KUBECONFIG outside a cluster), with the settings of
 * {@link OperatorConfig}: the namespaces watched, leader election, JOSDK's reconcile metrics and the RPC limits.
 */
public final class BlockyardOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockyardOperator.class);
  /** Reconciles at once; JOSDK's default of 50 keeps 50 threads once a fleet has been busy. */
  static final int RECONCILE_THREADS = 10;
  /** Dependents reconciled at once, across all resources. */
  static final int WORKFLOW_THREADS = 6;
  /** Threads that run every node client's HTTP work. */
  static final int HTTP_THREADS = 4;
  static final String NETWORKS = "bitcoinnetwork";
  static final String LIGHTNING_NODES = "lightningnode";
  static final String CHANNELS = "lightningchannel";
  private final Operator operator;
  private final OperatorConfig config;
  private final KubernetesClient client;
  private final SharedHttpClients http = new SharedHttpClients(HTTP_THREADS);
  private final Optional<LeaseHolder> lease;
  private final BitcoinNetworkReconciler networks;
  private final LightningActivityReconciler activities;
  private final LndClients lndClients;

  /** The operator as tests on the host run it: every namespace, no leader election, no metrics. */
  public BlockyardOperator(KubernetesClient client) {
    this(client, OperatorOrigin.fromEnvironment(System.getenv(), client.getNamespace()));
  }

  /** Like {@link #BlockyardOperator(KubernetesClient)}, admitted by the NetworkPolicies from {@code origin}. */
  public BlockyardOperator(KubernetesClient client, OperatorOrigin origin) {
    this(client, OperatorConfig.onHost(), null, origin);
  }

  /** @param metrics where JOSDK's reconcile metrics go, or null for none */
  public BlockyardOperator(KubernetesClient client, OperatorConfig config, MeterRegistry metrics) {
    this(client, config, metrics, OperatorOrigin.fromEnvironment(System.getenv(), client.getNamespace()));
  }

  private BlockyardOperator(KubernetesClient client, OperatorConfig config, MeterRegistry metrics,
      OperatorOrigin origin) {
    this.client = client;
    this.config = config;
    OperatorOrigin.use(origin);
    LOG.info("NetworkPolicies admit the operator from pods labelled {}={} in namespace {}{}",
        io.blockyard.api.NetworkAccess.OPERATOR_LABEL, io.blockyard.api.NetworkAccess.OPERATOR_VALUE,
        origin.namespace(), origin.sourceCidrs().isEmpty() ? "" : " and from " + origin.sourceCidrs());
    this.lease = config.leaderElection() ? Optional.of(new LeaseHolder(client, config)) : Optional.empty();
    operator = new Operator(o -> configure(o, metrics));
    NodeClients bitcoinClients = new NodeClients(http, config.bitcoinRpcTimeout());
    lndClients = new LndClients(http, config.lndRpcTimeout());
    networks = new BitcoinNetworkReconciler(bitcoinClients, http);
    register(networks);
    register(new LightningNodeReconciler(lndClients));
    register(new LightningChannelReconciler(bitcoinClients, lndClients));
    activities = new LightningActivityReconciler(lndClients);
    register(activities);
  }

  private void configure(ConfigurationServiceOverrider o, MeterRegistry metrics) {
    o.withKubernetesClient(client).withCloseClientOnStop(false)
        .withConcurrentReconciliationThreads(RECONCILE_THREADS)
        .withConcurrentWorkflowExecutorThreads(WORKFLOW_THREADS)
        // A stop lets running reconciles finish (a channel open records its step before it acts) up to this long.
        .withReconciliationTerminationTimeout(config.shutdownTimeout());
    lease.ifPresent(l -> o.withLeaderElectionConfiguration(l.configuration()));
    if (metrics != null) {
      // Per controller, not per resource: the domain gauges carry namespace and name (a fleet's series stay few).
      o.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics));
    }
  }

  private <R extends HasMetadata> void register(Reconciler<R> reconciler) {
    if (config.watchNamespaces().isEmpty()) {
      operator.register(reconciler);
    } else {
      operator.register(reconciler, o -> o.settingNamespaces(new HashSet<>(config.watchNamespaces())));
    }
  }

  public BlockyardOperator start() {
    operator.start();
    LOG.info("Blockyard operator started, watching {}{}", config.watchNamespaces().isEmpty() ? "every namespace"
        : "namespaces " + String.join(", ", config.watchNamespaces()),
        lease.map(l -> ", leader election on Lease " + l.describe()).orElse(""));
    return this;
  }

  /** RPC and REST requests sent to the nodes so far, by node {@code host:port}. */
  public java.util.Map<String, Long> nodeRequestsByServer() {
    return http.requestsByServer();
  }

  /** Ready: started, and every informer has synced its list and is watching. */
  public boolean ready() {
    return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Live: the informers are watching (a lost API server shows here); ready implies live. */
  public boolean live() {
    return !operator.getRuntimeInfo().isStarted() || operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** The resources of a controller's cache, with the status the last pass wrote (no API request). */
  @SuppressWarnings("unchecked")
  <R extends HasMetadata> List<R> cached(String controller) {
    RegisteredController<?> registered = operator.getRegisteredController(controller).orElseThrow();
    // JOSDK registers its own Controller; its primary cache is the informer the reconciler reads from too.
    return ((Controller<R>) registered).getEventSourceManager().getControllerEventSource()
        .list(r -> true).toList();
  }

  /** Stops reconciling (running passes finish, up to the shutdown timeout), then gives the Lease up at once. */
  @Override
  public void close() {
    lease.ifPresent(LeaseHolder::stopping);
    operator.stop();
    lease.ifPresent(LeaseHolder::release);
    networks.close();
    activities.close();
    lndClients.close();
    http.close();
  }

  static Stream<String> controllers() {
    return Stream.of(NETWORKS, LIGHTNING_NODES, CHANNELS);
  }
}
