package io.blockyard.rpc.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockyard.rpc.SharedHttpClients;
import io.blockyard.rpc.TransportFailures;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lnd's event streams of one node ({@link LndEvent.Topic}), so that a caller learns of a change without polling: one
 * long-lived GET per topic on the shared HTTP clients (no thread of its own), trusting the endpoint's certificate and
 * sending its macaroon. grpc-gateway writes each message as one line, {@code {"result": ...}} or
 * {@code {"error": ...}}. A stream that ends or fails is opened again after a back-off (1 s, doubling to
 * {@link #MAX_BACKOFF}, from 1 s again once a message arrives); what happened while it was down is unknown, so a
 * caller that must not miss a change looks at the node again when an event comes after a gap.
 *
 * <p>A stream has no request timeout: lnd sends its HTTP headers only with the first message, which may come hours
 * later. A connection the network drops without a word stays silent until its endpoint is closed.
 */
public final class LndSubscriptions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LndSubscriptions.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final LndEndpoint endpoint;
  private final HttpClient http;
  private final LongAdder sent;
  private final SharedHttpClients.Registration trust;
  private final Consumer<LndEvent> onEvent;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final Map<LndEvent.Topic, Stream> streams = new EnumMap<>(LndEvent.Topic.class);

  private LndSubscriptions(LndEndpoint endpoint, SharedHttpClients shared, Consumer<LndEvent> onEvent) {
    this.endpoint = endpoint;
    this.http = shared.client(endpoint.timeouts().connect());
    this.sent = shared.requestCounter(endpoint.uri());
    this.trust = shared.trust(endpoint.uri(), endpoint.tls());
    this.onEvent = onEvent;
  }

  /**
   * Subscribes to {@code topics} of the lnd at {@code endpoint} (with a macaroon that may read them, e.g. the admin
   * one) and keeps subscribed until {@link #close()}.
   *
   * @param onEvent called, on an HTTP client thread, for each message of every stream; it must not block
   */
  public static LndSubscriptions open(LndEndpoint endpoint, SharedHttpClients shared, Set<LndEvent.Topic> topics,
      Consumer<LndEvent> onEvent) {
    if (endpoint.macaroonHex() == null) {
      throw new IllegalArgumentException("lnd's event streams need a macaroon; give the endpoint one with "
          + "withMacaroon (hex of admin.macaroon)");
    }
    LndSubscriptions subscriptions = new LndSubscriptions(endpoint, shared, onEvent);
    for (LndEvent.Topic topic : topics) {
      subscriptions.streams.put(topic, subscriptions.new Stream(topic));
    }
    subscriptions.streams.values().forEach(Stream::connect);
    return subscriptions;
  }

  /** Where the streams go. */
  public LndEndpoint endpoint() {
    return endpoint;
  }

  /** Whether {@code topic}'s stream has had a message since it last (re)connected. */
  public boolean isLive(LndEvent.Topic topic) {
    Stream stream = streams.get(topic);
    return stream != null && stream.live;
  }

  /** How many times {@code topic}'s stream was opened, the first time included. */
  public int connections(LndEvent.Topic topic) {
    Stream stream = streams.get(topic);
    return stream == null ? 0 : stream.connections;
  }

  /** False once closed. */
  public boolean isOpen() {
    return open.get();
  }

  /** Hangs up every stream and gives up the endpoint's trust in the shared clients. */
  @Override
  public void close() {
    if (open.getAndSet(false)) {
      streams.values().forEach(Stream::hangUp);
      trust.close();
    }
  }

  @Override
  public String toString() {
    return "LndSubscriptions[" + endpoint.display() + ", " + streams.keySet() + "]";
  }

  /** One topic's GET, opened again whenever it ends. */
  private final class Stream {
    private final LndEvent.Topic topic;
    private volatile CompletableFuture<?> pending;
    private volatile Flow.Subscription body;
    private volatile boolean live;
    private volatile int connections;
    private volatile Duration backoff = FIRST_BACKOFF;
    /** Set once a refusal was logged, until a message arrives: a node that keeps refusing is logged once. */
    private volatile boolean refusalLogged;

    Stream(LndEvent.Topic topic) {
      this.topic = topic;
    }

    void connect() {
      if (!open.get()) {
        return;
      }
      HttpRequest request = HttpRequest.newBuilder(endpoint.uri().resolve(topic.path()))
          .header("Accept", "application/json")
          .header("Grpc-Metadata-macaroon", endpoint.macaroonHex())
          .GET().build();
      connections++;
      sent.increment();
      LOG.debug("subscribing to {} on {}", topic.path(), endpoint.display());
      CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request,
          info -> HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(info.statusCode()), lines -> null,
              StandardCharsets.UTF_8, null));
      pending = response;
      response.whenComplete((r, failure) -> {
        if (failure != null) {
          ended(TransportFailures.reason(failure));
        } else if (r.statusCode() != 200) {
          ended("HTTP " + r.statusCode());
        } else {
          ended("the stream ended");
        }
      });
      if (!open.get()) {
        hangUp();
      }
    }

    /** Opens the stream again after the back-off, unless closed. */
    private void ended(String why) {
      live = false;
      if (!open.get()) {
        return;
      }
      Duration wait = backoff;
      backoff = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
      LOG.debug("{} on {}: {}; subscribing again in {} s", topic.path(), endpoint.display(), why, wait.toSeconds());
      CompletableFuture.runAsync(this::connect, CompletableFuture.delayedExecutor(wait.toMillis(),
          TimeUnit.MILLISECONDS, http.executor().orElse(Runnable::run)));
    }

    void hangUp() {
      CompletableFuture<?> request = pending;
      if (request != null) {
        request.cancel(true);
      }
      Flow.Subscription subscription = body;
      if (subscription != null) {
        subscription.cancel();
      }
    }

    private void message(String line) {
      JsonNode message;
      try {
        message = JSON.readTree(line);
      } catch (IOException e) {
        LOG.debug("{} on {} sent something other than JSON", topic.path(), endpoint.display());
        return;
      }
      if (message == null || !message.isObject()) {
        return;
      }
      if (message.path("result").isObject()) {
        live = true;
        refusalLogged = false;
        backoff = FIRST_BACKOFF;
        LndEvent event = topic.event(message.path("result"));
        try {
          onEvent.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("handling {} from {} failed: {}", event, endpoint.display(), e.toString());
        }
        return;
      }
      // {"error": {...}} on a stream, or lnd's error object when it refused the call before streaming.
      JsonNode error = message.path("error").isObject() ? message.path("error") : message;
      refused("ended with " + error.path("message").asText("(no message)"));
    }

    private void refused(String what) {
      if (refusalLogged) {
        LOG.debug("{} on {} again: {}", topic.path(), endpoint.display(), what);
      } else {
        refusalLogged = true;
        LOG.info("{} on {}: {} (subscribing again with back-off)", topic.path(), endpoint.display(), what);
      }
    }

    /** The body's lines, for one connection; the response's end is handled where the request completes. */
    private final class Lines implements Flow.Subscriber<String> {
      private final int status;

      Lines(int status) {
        this.status = status;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        body = subscription;
        if (!open.get()) {
          subscription.cancel();
          return;
        }
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(String line) {
        if (line.isBlank()) {
          return;
        }
        if (status == 200) {
          message(line);
        } else {
          refused("refused with HTTP " + status + ", "
              + LndRestTransport.excerpt(line.getBytes(StandardCharsets.UTF_8)));
        }
      }

      @Override
      public void onError(Throwable failure) {
        // The request's future fails too; the stream is opened again from there.
      }

      @Override
      public void onComplete() {
      }
    }
  }
}
