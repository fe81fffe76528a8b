package io.blockyard.operator.activity;

import io.blockyard.api.lightning.LightningActivity;
import io.blockyard.api.lightning.LightningActivitySpec;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.Events;
import io.blockyard.operator.lightning.LightningNodeReconciler;
import io.blockyard.operator.lightning.LndClients;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps one {@link PaymentRunner} per LightningActivity for as long as it exists, and writes what its payments came to
 * into status at most every {@link #STATUS_EVERY}: never once per payment. The nodes come from a watched cache.
 */
@ControllerConfiguration(name = "lightningactivity")
public class LightningActivityReconciler implements Reconciler<LightningActivity>, Cleaner<LightningActivity>,
    AutoCloseable {
  static final Duration STATUS_EVERY = Duration.ofSeconds(5);
  /** Threads that make payments, across all activities (each activity has one payment in flight at a time). */
  static final int PAYMENT_THREADS = 2;
  private static final Events.ConditionKinds CONDITION_KINDS = new Events.ConditionKinds(Map.of(),
      Set.of(LightningActivityStatus.RUNNING));

  private final LndClients lndClients;
  private final ScheduledExecutorService payments = Executors.newScheduledThreadPool(PAYMENT_THREADS, r -> {
    Thread t = new Thread(r, "activity-payments");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, PaymentRunner> runners = new ConcurrentHashMap<>();
  private InformerEventSource<LightningNode, LightningActivity> nodes;

  /** @param lndClients the node reconciler's lnd clients: an activity pays only through nodes it has reached */
  public LightningActivityReconciler(LndClients lndClients) {
    this.lndClients = lndClients;
  }

  /** A node that changes (ready, labels) wakes every activity of its namespace. */
  @Override
  public List<EventSource<?, LightningActivity>> prepareEventSources(EventSourceContext<LightningActivity> context) {
    var activities = context.getPrimaryCache();
    nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(LightningNode.class,
            LightningActivity.class)
        .withName("nodes")
        .withSecondaryToPrimaryMapper(node -> activities.list(node.getMetadata().getNamespace())
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build(), context);
    return List.of(nodes);
  }

  @Override
  public UpdateControl<LightningActivity> reconcile(LightningActivity activity, Context<LightningActivity> context) {
    String namespace = activity.getMetadata().getNamespace();
    LightningActivitySpec spec = activity.getSpec();
    List<String> members = members(namespace, spec);
    List<String> ready = members.stream().filter(m -> ready(namespace, m)).toList();
    PaymentPairs pairs = new PaymentPairs(ready, spec.getPairs());
    PaymentRunner.Plan plan = new PaymentRunner.Plan(namespace, activity.getMetadata().getName(), pairs,
        Duration.ofMillis(60_000L / Math.max(1, spec.getPaymentsPerMinute())), spec.getAmountSat(),
        Boolean.TRUE.equals(spec.getPaused()));
    PaymentRunner runner = runners.computeIfAbsent(activity.getMetadata().getUid(),
        uid -> new PaymentRunner(payments, lndClients, PaymentTally.from(activity.getStatus())).start(plan));
    runner.plan(plan);

    Instant now = Instant.now();
    LightningActivityStatus previous = activity.getStatus() == null ? new LightningActivityStatus()
        : activity.getStatus();
    LightningActivityStatus status = ActivityStatus.of(activity, runner.counts(), members, pairs, now);
    boolean paying = Conditions.isTrue(status.getConditions(), LightningActivityStatus.RUNNING);
    if (status.equals(previous)) {
      // Paused or waiting for nodes: nothing changes until an event says so.
      return paying ? UpdateControl.<LightningActivity>noUpdate().rescheduleAfter(STATUS_EVERY)
          : UpdateControl.noUpdate();
    }
    if (!runner.statusWriteDue(now, STATUS_EVERY)) {
      return UpdateControl.<LightningActivity>noUpdate().rescheduleAfter(runner.untilStatusWrite(now, STATUS_EVERY));
    }
    runner.statusWritten(now);
    new Events(context.getClient()).announceTransitions(activity, previous.getConditions(), status.getConditions(),
        CONDITION_KINDS);
    LightningActivity patch = new LightningActivity();
    patch.setMetadata(new ObjectMetaBuilder().withName(activity.getMetadata().getName()).withNamespace(namespace)
        .build());
    patch.setStatus(status);
    // The last payments of a pause still land in status: one more pass after the write.
    return UpdateControl.patchStatus(patch).rescheduleAfter(STATUS_EVERY);
  }

  @Override
  public DeleteControl cleanup(LightningActivity activity, Context<LightningActivity> context) {
    PaymentRunner runner = runners.remove(activity.getMetadata().getUid());
    if (runner != null) {
      runner.stop();
    }
    return DeleteControl.defaultDelete();
  }

  /** The LightningNodes the activity names, selects or pairs, sorted. */
  private List<String> members(String namespace, LightningActivitySpec spec) {
    Stream<String> names;
    if (spec.getNodes() != null) {
      names = spec.getNodes().stream();
    } else if (spec.getPairs() != null) {
      names = spec.getPairs().stream().flatMap(p -> Stream.of(p.getFrom(), p.getTo()));
    } else if (spec.getSelector() != null) {
      names = nodes.list(namespace, n -> LabelSelectors.matches(spec.getSelector(), n.getMetadata().getLabels()))
          .map(n -> n.getMetadata().getName());
    } else {
      names = Stream.empty();
    }
    return names.distinct().sorted().toList();
  }

  private boolean ready(String namespace, String name) {
    return nodes.get(new ResourceID(name, namespace)).map(n -> n.getStatus() != null
        && Conditions.isTrue(n.getStatus().getConditions(), LightningNodeReconciler.READY)).orElse(false)
        && lndClients.admin(LndClients.key(namespace, name)).isPresent();
  }

  @Override
  public void close() {
    runners.values().forEach(PaymentRunner::stop);
    payments.shutdownNow();
  }
}
