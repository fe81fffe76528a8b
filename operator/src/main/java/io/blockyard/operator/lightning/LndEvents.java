package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningChannel;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.rpc.SharedHttpClients;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndEvent;
import io.blockyard.rpc.lnd.LndSubscriptions;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * lnd's own news of each ready node, over its event streams ({@link LndSubscriptions}: channels, HTLCs, peers, wallet
 * transactions): an event wakes the node's pass and the passes of its channels at once, so an idle node is asked
 * only now and then, as a safety net. They are woken once more a moment later ({@link #FOLLOW_UP}, for every event of
 * that moment): lnd tells of an HTLC just before the commitment that moves the balance, so a pass at once may still
 * read the old one.
 */
public final class LndEvents implements AutoCloseable {
  /** How long after an event its resources are woken again (once for all the events of that time). */
  static final Duration FOLLOW_UP = Duration.ofMillis(500);
  static final Set<LndEvent.Topic> TOPICS = EnumSet.allOf(LndEvent.Topic.class);

  private final SharedHttpClients http;
  private final SimpleInboundEventSource<LightningNode> nodeEvents = new SimpleInboundEventSource<>("lnd-events");
  private final SimpleInboundEventSource<LightningChannel> channelEvents =
      new SimpleInboundEventSource<>("lnd-events");
  private volatile Function<ResourceID, Set<ResourceID>> channelsOf = node -> Set.of();
  /** By node key ({@link LndClients#key}): the node's subscriptions, to the endpoint they were opened for. */
  private final Map<String, LndSubscriptions> subscribed = new ConcurrentHashMap<>();
  private final Set<String> followUps = ConcurrentHashMap.newKeySet();

  LndEvents(SharedHttpClients http) {
    this.http = http;
  }

  /** The LightningNode reconciler's event source: a node's events wake it. */
  SimpleInboundEventSource<LightningNode> nodeEvents() {
    return nodeEvents;
  }

  /** The LightningChannel reconciler's event source: a node's events wake the channels {@code channelsOf} gives. */
  SimpleInboundEventSource<LightningChannel> channelEvents(Function<ResourceID, Set<ResourceID>> channelsOf) {
    this.channelsOf = channelsOf;
    return channelEvents;
  }

  /** Keeps the node subscribed at {@code endpoint} (with its admin macaroon), again if the endpoint changed. */
  void keep(String node, LndEndpoint endpoint) {
    subscribed.compute(node, (k, kept) -> {
      if (kept != null && kept.endpoint().equals(endpoint)) {
        return kept;
      }
      if (kept != null) {
        kept.close();
      }
      return LndSubscriptions.open(endpoint, http, TOPICS, event -> woken(node));
    });
  }

  /**
   * Whether the node's streams answer: its HTLC stream (the one lnd answers at once) has had a message since it last
   * connected.
   */
  boolean live(String node) {
    LndSubscriptions kept = subscribed.get(node);
    return kept != null && kept.isLive(LndEvent.Topic.HTLCS);
  }

  /** Closes the node's subscriptions (it is not ready, or it is gone). */
  void forget(String node) {
    LndSubscriptions kept = subscribed.remove(node);
    if (kept != null) {
      kept.close();
    }
  }

  /** Closes the subscriptions of every node not among {@code nodes} (keys). */
  void retain(Collection<String> nodes) {
    Set<String> keep = new HashSet<>(nodes);
    subscribed.keySet().stream().filter(n -> !keep.contains(n)).toList().forEach(this::forget);
  }

  /** How many nodes are subscribed to. */
  int size() {
    return subscribed.size();
  }

  @Override
  public void close() {
    subscribed.keySet().stream().toList().forEach(this::forget);
  }

  /** Wakes at once unless a follow-up is due: the events of a payment (several per HTLC) make two passes, not ten. */
  private void woken(String node) {
    if (followUps.add(node)) {
      wake(node);
      // Run on the JDK's delay thread: waking is only handing events to JOSDK, which never blocks.
      CompletableFuture.delayedExecutor(FOLLOW_UP.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
        followUps.remove(node);
        wake(node);
      });
    }
  }

  private void wake(String node) {
    if (!subscribed.containsKey(node)) {
      return;
    }
    int slash = node.indexOf('/');
    ResourceID id = new ResourceID(node.substring(slash + 1), node.substring(0, slash));
    nodeEvents.propagateEvent(id);
    channelsOf.apply(id).forEach(channelEvents::propagateEvent);
  }
}
