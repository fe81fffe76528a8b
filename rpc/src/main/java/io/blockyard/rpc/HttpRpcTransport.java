package io.blockyard.rpc;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON bodies to one endpoint and turns every transport failure into a typed
 * {@link RpcException}.
 */
final class HttpRpcTransport {

  /** Slack on top of the request timeout for the hard deadline, so the JDK's own fires first. */
  private static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);

  /** An HTTP answer: its status and raw body. */
  record HttpAnswer(int status, byte[] body) {}

  private final RpcEndpoint endpoint;
  private final HttpClient http;
  private final SharedHttpClients.Registration trust;
  /** Where each request is counted (only for shared clients). */
  private final java.util.concurrent.atomic.LongAdder sent;

  /** Through the shared clients, trusting the endpoint's CA for its host and port only. */
  HttpRpcTransport(RpcEndpoint endpoint, SharedHttpClients shared) {
    this.endpoint = endpoint;
    this.http = shared.client(endpoint.timeouts().connect());
    this.sent = shared.requestCounter(endpoint.uri());
    this.trust = endpoint.tls() == null ? () -> { } : shared.trust(endpoint.uri(), endpoint.tls());
  }

  /** With an HTTP client of its own (and its selector thread): for a process that talks to a few nodes. */
  HttpRpcTransport(RpcEndpoint endpoint) {
    this.endpoint = endpoint;
    this.trust = () -> { };
    this.sent = new java.util.concurrent.atomic.LongAdder();
    HttpClient.Builder builder = HttpClient.newBuilder()
        // JDK 17's HTTP/2 client gets GOAWAY from Go servers such as btcd.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(endpoint.timeouts().connect())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (endpoint.tls() != null) {
      builder.sslContext(endpoint.tls().sslContext());
    }
    this.http = builder.build();
  }

  /**
   * Sends {@code body} and returns the answer; throws for 401 and for every failure to get an
   * answer at all.
   *
   * @param what the method name (or a batch description) for messages
   */
  HttpAnswer post(byte[] body, String what) {
    Duration limit = endpoint.timeouts().request();
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri())
        .timeout(limit)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (endpoint.credentials() != null) {
      request.header("Authorization", endpoint.credentials().authorizationHeader());
    }
    CompletableFuture<HttpResponse<byte[]>> pending =
        countedSendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      // The JDK's request timeout stops once headers arrive; this deadline also bounds the body.
      response = pending.get(limit.plus(DEADLINE_SLACK).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new RpcTimeoutException(endpoint.display(), what, RpcTimeoutException.Phase.RESPONSE,
          limit, e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(endpoint.display(), what, "interrupted while waiting", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause() == null ? e : e.getCause(), what);
    }
    if (response.statusCode() == 401) {
      throw new CredentialsRejectedException(endpoint.display(), what);
    }
    return new HttpAnswer(response.statusCode(), response.body());
  }

  /** Gives up the endpoint's trust in the shared clients (nothing to do for an own client). */
  void close() {
    trust.close();
  }

  private RpcException failure(Throwable cause, String what) {
    return TransportFailures.classify(cause, RpcException.BITCOIN_NODE_RPC, endpoint.display(), what,
        endpoint.timeouts());
  }

  private <T> CompletableFuture<HttpResponse<T>> countedSendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> body) {
    sent.increment();
    return http.sendAsync(request, body);
  }
}
