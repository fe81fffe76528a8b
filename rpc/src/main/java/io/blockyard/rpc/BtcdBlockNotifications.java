package io.blockyard.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * btcd's notice of every block its best chain connects, over its websocket RPC ({@code /ws}, method
 * {@code notifyblocks}), so that a caller need not poll a node to learn of a new block. One websocket per node,
 * carried by the shared HTTP clients (no thread of its own). It does not reconnect: when {@link #isOpen()} turns
 * false, the caller opens a new one.
 */
public final class BtcdBlockNotifications implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BtcdBlockNotifications.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBSCRIBE = "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"notifyblocks\",\"params\":[]}";

  private final AtomicBoolean open = new AtomicBoolean(true);
  private final SharedHttpClients.Registration trust;
  private volatile WebSocket socket;

  private BtcdBlockNotifications(SharedHttpClients.Registration trust) {
    this.trust = trust;
  }

  /**
   * Opens the websocket of the node at {@code endpoint} (its RPC endpoint, credentials and TLS trust) and subscribes.
   *
   * @param onBlock called, on an HTTP client thread, for each block the node connects; it must not block
   * @return completes once the websocket is open; fails when it cannot be opened
   */
  public static CompletableFuture<BtcdBlockNotifications> open(RpcEndpoint endpoint, SharedHttpClients shared,
      Runnable onBlock) {
    BtcdBlockNotifications notifications = new BtcdBlockNotifications(
        endpoint.tls() == null ? () -> { } : shared.trust(endpoint.uri(), endpoint.tls()));
    var builder = shared.client(endpoint.timeouts().connect()).newWebSocketBuilder()
        .connectTimeout(endpoint.timeouts().connect());
    if (endpoint.credentials() != null) {
      // btcd takes HTTP basic authentication on the websocket handshake, as on its POST endpoint.
      String pair = endpoint.credentials().user() + ":" + endpoint.credentials().password();
      builder.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return builder.buildAsync(websocketUri(endpoint), notifications.new Listener(onBlock, endpoint.display()))
        .thenCompose(ws -> {
          notifications.socket = ws;
          return ws.sendText(SUBSCRIBE, true);
        })
        .handle((ws, failure) -> {
          if (failure == null) {
            return notifications;
          }
          notifications.close();
          throw failure(endpoint, failure);
        });
  }

  private static RpcException failure(RpcEndpoint endpoint, Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    String what = "the websocket for block notifications";
    if (cause instanceof WebSocketHandshakeException handshake) {
      int status = handshake.getResponse().statusCode();
      return status == 401 ? new CredentialsRejectedException(endpoint.display(), what)
          : new TransportException(endpoint.display(), what, "the handshake got HTTP " + status, cause);
    }
    return new ConnectionFailedException(endpoint.display(), what, String.valueOf(cause.getMessage()), cause);
  }

  /** {@code wss://host:port/ws} (or {@code ws://} for a node without TLS). */
  static URI websocketUri(RpcEndpoint endpoint) {
    URI rpc = endpoint.uri();
    try {
      return new URI(rpc.getScheme().equalsIgnoreCase("https") ? "wss" : "ws", null, rpc.getHost(), rpc.getPort(),
          "/ws", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no websocket URL for " + endpoint.display(), e);
    }
  }

  /** False once the node closed the websocket, it failed, or it was closed here. */
  public boolean isOpen() {
    return open.get();
  }

  @Override
  public void close() {
    if (open.getAndSet(false)) {
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      trust.close();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final Runnable onBlock;
    private final String display;
    private final StringBuilder message = new StringBuilder();
    /** btcd sends each block twice, as blockconnected and filteredblockconnected: the first kind seen counts. */
    private volatile String kind;

    Listener(Runnable onBlock, String display) {
      this.onBlock = onBlock;
      this.display = display;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        String text = message.toString();
        message.setLength(0);
        handle(text);
      }
      ws.request(1);
      return null;
    }

    private void handle(String text) {
      try {
        JsonNode json = JSON.readTree(text);
        String method = json.path("method").asText("");
        if (method.equals("blockconnected") || method.equals("filteredblockconnected")) {
          if (kind == null) {
            kind = method;
          }
          if (kind.equals(method)) {
            onBlock.run();
          }
        } else if (json.hasNonNull("error")) {
          LOG.warn("{} refused block notifications: {}", display, json.get("error").path("message").asText());
          close();
        }
      } catch (java.io.IOException e) {
        LOG.debug("unreadable websocket message from {}", display);
      } catch (RuntimeException e) {
        LOG.warn("a block notification from {} failed: {}", display, e.toString());
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      close();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      LOG.debug("block notifications from {} ended: {}", display, error.toString());
      close();
    }
  }
}
