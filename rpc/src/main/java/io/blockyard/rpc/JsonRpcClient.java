package io.blockyard.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls JSON-RPC methods on one node over HTTP(S), singly or as a batch in one POST.
 *
 * <p>Thread-safe. Every call is bounded by the endpoint's connect and request timeouts.
 * Failures arrive as subclasses of {@link RpcException}. Create one per endpoint and keep it:
 * each holds its own {@link java.net.http.HttpClient} (and its selector thread).
 */
public final class JsonRpcClient {

  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcClient.class);

  private final RpcEndpoint endpoint;
  private final HttpRpcTransport transport;
  private final JsonRpcCodec codec;
  private final AtomicLong nextId = new AtomicLong(1);

  public JsonRpcClient(RpcEndpoint endpoint) {
    this(endpoint, new HttpRpcTransport(endpoint));
  }

  /** Through {@code shared}'s HTTP clients instead of one of its own (see {@link SharedHttpClients}). */
  public JsonRpcClient(RpcEndpoint endpoint, SharedHttpClients shared) {
    this(endpoint, new HttpRpcTransport(endpoint, shared));
  }

  private JsonRpcClient(RpcEndpoint endpoint, HttpRpcTransport transport) {
    this.endpoint = endpoint;
    this.transport = transport;
    this.codec = new JsonRpcCodec(endpoint.protocol(), endpoint.display());
  }

  /** Done with the endpoint: gives up what the client holds in shared HTTP clients. */
  public void close() {
    transport.close();
  }

  /** The endpoint this client calls. */
  public RpcEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Calls {@code method} and returns its result (JSON null for methods that return nothing).
   *
   * @throws NodeErrorException when the node answers with an error
   * @throws RpcException for every other failure
   */
  public JsonNode call(String method, Object... params) {
    return call(RpcCall.of(method, params));
  }

  /** Like {@link #call(String, Object...)} for a prepared call. */
  public JsonNode call(RpcCall call) {
    long id = nextId.getAndIncrement();
    LOG.debug("calling {} on {}", call.method(), endpoint.display());
    HttpRpcTransport.HttpAnswer answer = transport.post(codec.encode(call, id), call.method());
    requireJsonRpcAnswer(answer, call.method());
    return codec.decode(call, id, answer.body()).resultOrThrow();
  }

  /**
   * Sends all calls as one JSON array in a single POST; the replies come back in the order of
   * {@code calls}, each with its own result or error.
   *
   * @throws RpcException when the batch as a whole fails (transport, HTTP, unreadable answer)
   */
  public List<RpcReply> batch(List<RpcCall> calls) {
    if (calls.isEmpty()) {
      return List.of();
    }
    long firstId = nextId.getAndAdd(calls.size());
    String what = "batch of " + calls.size() + " calls ("
        + String.join(", ", calls.stream().map(RpcCall::method).toList()) + ")";
    LOG.debug("calling {} on {}", what, endpoint.display());
    HttpRpcTransport.HttpAnswer answer = transport.post(codec.encodeBatch(calls, firstId), what);
    requireJsonRpcAnswer(answer, what);
    return codec.decodeBatch(calls, firstId, answer.body());
  }

  /** Core's 1.0 mode sends node errors with HTTP 404/500; only other bodies are HTTP errors. */
  private void requireJsonRpcAnswer(HttpRpcTransport.HttpAnswer answer, String what) {
    if (answer.status() != 200 && !JsonRpcCodec.carriesRpcError(answer.body())) {
      throw new HttpStatusException(endpoint.display(), what, answer.status(),
          JsonRpcCodec.excerpt(answer.body()));
    }
  }
}
