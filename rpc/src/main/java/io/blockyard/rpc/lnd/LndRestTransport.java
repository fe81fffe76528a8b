package io.blockyard.rpc.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockyard.rpc.ConnectionFailedException;
import io.blockyard.rpc.HttpStatusException;
import io.blockyard.rpc.MalformedResponseException;
import io.blockyard.rpc.RpcException;
import io.blockyard.rpc.SharedHttpClients;
import io.blockyard.rpc.TransportFailures;
import io.blockyard.rpc.RpcTimeoutException;
import io.blockyard.rpc.TlsHandshakeException;
import io.blockyard.rpc.TransportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTPS to one lnd: every call bounded by the endpoint's timeouts, every failure a
 * typed {@link RpcException}. Request bodies are never logged (they carry passwords and seeds).
 */
final class LndRestTransport {

  static final String SERVICE = "lnd REST";
  private static final Logger LOG = LoggerFactory.getLogger(LndRestTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Slack on top of the request timeout for the hard deadline, so the JDK's own fires first. */
  private static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);
  /** Reads streamed lines, so a silent stream can be given up on. */
  private static final ExecutorService STREAM_READERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "lnd-rest-stream");
    thread.setDaemon(true);
    return thread;
  });

  private final LndEndpoint endpoint;
  private final HttpClient http;
  private final SharedHttpClients.Registration trust;
  /** Where each request is counted (only for shared clients). */
  private final java.util.concurrent.atomic.LongAdder sent;

  /** Through the shared clients, trusting lnd's certificate for its host and port only. */
  LndRestTransport(LndEndpoint endpoint, SharedHttpClients shared) {
    this.endpoint = endpoint;
    this.http = shared.client(endpoint.timeouts().connect());
    this.sent = shared.requestCounter(endpoint.uri());
    this.trust = shared.trust(endpoint.uri(), endpoint.tls());
  }

  /** With an HTTP client of its own (and its selector thread): for a process that talks to a few nodes. */
  LndRestTransport(LndEndpoint endpoint) {
    this.endpoint = endpoint;
    this.trust = () -> { };
    this.sent = new java.util.concurrent.atomic.LongAdder();
    this.http = HttpClient.newBuilder()
        // JDK 17's HTTP/2 client gets GOAWAY from Go servers.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(endpoint.timeouts().connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(endpoint.tls().sslContext())
        .build();
  }

  LndEndpoint endpoint() {
    return endpoint;
  }

  /** Gives up the endpoint's trust in the shared clients (nothing to do for an own client). */
  void close() {
    trust.close();
  }

  ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  JsonNode get(String path) {
    return exchange("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return exchange("POST", path, body, endpoint.timeouts().request());
  }

  /** A POST allowed {@code limit} rather than the endpoint's per-call limit. */
  JsonNode post(String path, JsonNode body, Duration limit) {
    return exchange("POST", path, body, limit);
  }

  /** Sends one request and reads its JSON answer; lnd's error objects become {@link LndErrorException}. */
  private JsonNode exchange(String method, String path, JsonNode body) {
    return exchange(method, path, body, endpoint.timeouts().request());
  }

  private JsonNode exchange(String method, String path, JsonNode body, Duration limit) {
    String what = method + " " + withoutQuery(path);
    CompletableFuture<HttpResponse<byte[]>> pending =
        countedSendAsync(request(method, path, body, limit), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response = await(pending, limit.plus(DEADLINE_SLACK), what, limit);
    JsonNode answer = parse(response.body(), response.statusCode(), what);
    if (response.statusCode() != 200) {
      throw error(answer, response.statusCode(), what, response.body());
    }
    return answer;
  }

  /**
   * Opens a server-streaming call and returns the {@code result} of its first message, then
   * drops the connection. grpc-gateway streams one JSON object per line, each
   * {@code {"result": ...}} or {@code {"error": {...}}}.
   */
  JsonNode firstStreamed(String method, String path, Duration limit) {
    return streamedUntil(method, path, null, limit, result -> true);
  }

  /**
   * Opens a server-streaming call and reads its messages until one whose {@code result} is {@code last}, returns that
   * result and drops the connection; all of it within {@code limit}. A message {@code {"error": {...}}} ends it with
   * an {@link LndErrorException}.
   */
  JsonNode streamedUntil(String method, String path, JsonNode body, Duration limit,
      java.util.function.Predicate<JsonNode> last) {
    String what = method + " " + withoutQuery(path) + " (stream)";
    Instant deadline = Instant.now().plus(limit);
    CompletableFuture<HttpResponse<InputStream>> pending =
        countedSendAsync(request(method, path, body, limit), HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response = await(pending, limit.plus(DEADLINE_SLACK), what);
    try (InputStream in = response.body()) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      CompletableFuture<JsonNode> wanted = CompletableFuture.supplyAsync(() -> {
        try {
          while (true) {
            String line = reader.readLine();
            if (line == null) {
              throw new MalformedResponseException(SERVICE, endpoint.display(),
                  what + " ended without the message it was read for (HTTP " + response.statusCode() + ")");
            }
            if (!line.isBlank()) {
              JsonNode result = result(line.getBytes(StandardCharsets.UTF_8), response.statusCode(), what);
              if (last.test(result)) {
                return result;
              }
            }
          }
        } catch (IOException e) {
          throw new TransportException(SERVICE, endpoint.display(), what, TransportFailures.reason(e), e);
        }
      }, STREAM_READERS);
      Duration left = Duration.between(Instant.now(), deadline);
      return await(wanted, left.isNegative() ? Duration.ZERO : left, what, limit);
    } catch (IOException e) {
      // Closing a stream we stopped reading: nothing was lost.
      LOG.debug("closing {} on {}: {}", what, endpoint.display(), e.toString());
      throw new TransportException(SERVICE, endpoint.display(), what, TransportFailures.reason(e), e);
    }
  }

  /** One streamed message's {@code result}; its {@code error} (HTTP 500 when the call fails before any update). */
  private JsonNode result(byte[] bytes, int status, String what) {
    JsonNode message = parse(bytes, status, what);
    if (message.path("error").isObject()) {
      throw error(message.path("error"), status, what, bytes);
    }
    if (status != 200) {
      throw error(message, status, what, bytes);
    }
    if (!message.path("result").isObject()) {
      throw new MalformedResponseException(SERVICE, endpoint.display(),
          what + " sent a message without a result: " + excerpt(bytes));
    }
    return message.path("result");
  }

  private HttpRequest request(String method, String path, JsonNode body, Duration limit) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri().resolve(path))
        .timeout(limit)
        .header("Accept", "application/json");
    if (endpoint.macaroonHex() != null) {
      request.header("Grpc-Metadata-macaroon", endpoint.macaroonHex());
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      try {
        request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode a request body", e);
      }
    }
    LOG.debug("calling {} {} on {}", method, withoutQuery(path), endpoint.display());
    return request.build();
  }

  private <T> T await(CompletableFuture<T> pending, Duration wait, String what) {
    return await(pending, wait, what, endpoint.timeouts().request());
  }

  private <T> T await(CompletableFuture<T> pending, Duration wait, String what, Duration limit) {
    try {
      // The JDK's request timeout stops once headers arrive; this deadline also bounds the body.
      return pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new RpcTimeoutException(SERVICE, endpoint.display(), what, RpcTimeoutException.Phase.RESPONSE,
          limit, e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(SERVICE, endpoint.display(), what, "interrupted while waiting", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause() == null ? e : e.getCause(), what);
    }
  }

  private JsonNode parse(byte[] body, int status, String what) {
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer == null || !answer.isObject()) {
        throw new IOException("not a JSON object");
      }
      return answer;
    } catch (IOException e) {
      if (status != 200) {
        throw new HttpStatusException(SERVICE, endpoint.display(), what, status, excerpt(body));
      }
      throw new MalformedResponseException(SERVICE, endpoint.display(),
          what + " answered something other than a JSON object: " + excerpt(body));
    }
  }

  private RpcException error(JsonNode answer, int status, String what, byte[] body) {
    if (answer.path("message").isTextual()) {
      return new LndErrorException(endpoint.display(), what, status, answer.path("code").asInt(-1),
          answer.path("message").asText());
    }
    return new HttpStatusException(SERVICE, endpoint.display(), what, status, excerpt(body));
  }

  private RpcException failure(Throwable cause, String what) {
    return TransportFailures.classify(cause, SERVICE, endpoint.display(), what, endpoint.timeouts());
  }

  /** The path without its query, for messages (queries may hold hashes, never secrets, but stay short). */
  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private <T> CompletableFuture<HttpResponse<T>> countedSendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> body) {
    sent.increment();
    return http.sendAsync(request, body);
  }
}
