package io.blockyard.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in JOSDK's leader election on a Lease: the configuration, what happens when the Lease is lost,
 * and giving it up on a stop (JOSDK 5.2.3 does not release it, so a successor would wait out the lease duration).
 */
final class LeaseHolder {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseHolder.class);
  /** Renew well inside the lease duration, retry often: a successor takes over within a retry period. */
  static final double RENEW_FRACTION = 2.0 / 3;
  static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
  private final KubernetesClient client;
  private final String name;
  private final String namespace;
  private final String identity;
  private final Duration leaseDuration;
  private final AtomicBoolean stopping = new AtomicBoolean();

  LeaseHolder(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.name = config.leaseName();
    this.namespace = config.leaseNamespace().orElseGet(client::getNamespace);
    if (namespace == null) {
      throw new IllegalArgumentException("leader election needs the Lease's namespace: set POD_NAMESPACE or "
          + "--lease-namespace");
    }
    this.identity = config.identity();
    this.leaseDuration = config.leaseDuration();
  }

  LeaderElectionConfiguration configuration() {
    // exitOnStopLeading false: JOSDK would call System.exit from within our own shutdown, which never returns.
    return new LeaderElectionConfiguration(name, namespace, leaseDuration, renewDeadline(), RETRY_PERIOD, identity,
        new LeaderCallbacks(() -> LOG.info("{} leads: reconciling", identity), this::lost,
            leader -> LOG.info("the leader is {}", leader)), false);
  }

  private Duration renewDeadline() {
    return Duration.ofMillis((long) (leaseDuration.toMillis() * RENEW_FRACTION));
  }

  /** A leader that could not renew in time must stop at once: another replica may lead already. */
  private void lost() {
    if (!stopping.get()) {
      LOG.error("{} lost the Lease {}: exiting so that only the new leader reconciles", identity, describe());
      new Thread(() -> System.exit(1), "lease-lost").start();
    }
  }

  void stopping() {
    stopping.set(true);
  }

  /** Gives the Lease up if this replica holds it, so that a standby takes over at its next retry. */
  void release() {
    try {
      boolean released = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
          .withName(name).withLock(new LeaseLock(namespace, name, identity))
          .withLeaseDuration(leaseDuration).withRenewDeadline(renewDeadline()).withRetryPeriod(RETRY_PERIOD)
          .withLeaderCallbacks(new LeaderCallbacks(() -> {}, () -> {}, leader -> {})).build())
          .build().release();
      if (released) {
        LOG.info("{} released the Lease {}", identity, describe());
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not release the Lease {} (a standby takes it when it expires): {}", describe(),
          e.getMessage());
    }
  }

  String describe() {
    return namespace + "/" + name;
  }
}
