package io.blockyard.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON-RPC requests and reads the replies, for single calls and batches.
 *
 * <p>Replies are read leniently across the nodes: bcoin omits {@code jsonrpc}, JSON-RPC 2.0
 * servers omit {@code error} on success and {@code result} on failure, and Bitcoin Core's
 * 1.0 mode sends errors with HTTP 500 (the caller decides to decode those too).
 */
final class JsonRpcCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonRpcVersion version;
  private final String endpoint;

  JsonRpcCodec(JsonRpcVersion version, String endpoint) {
    this.version = version;
    this.endpoint = endpoint;
  }

  /** One request object with this id. */
  byte[] encode(RpcCall call, long id) {
    return write(request(call, id));
  }

  /** A JSON array of requests, the i-th with id {@code firstId + i}. */
  byte[] encodeBatch(List<RpcCall> calls, long firstId) {
    ArrayNode batch = JSON.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      batch.add(request(calls.get(i), firstId + i));
    }
    return write(batch);
  }

  private ObjectNode request(RpcCall call, long id) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", version.wireName());
    request.put("id", id);
    request.put("method", call.method());
    // Always present: btcd rejects a request without params as malformed.
    request.set("params", JSON.valueToTree(call.params()));
    return request;
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("RPC parameters cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** The reply to a single call. */
  RpcReply decode(RpcCall call, long id, byte[] body) {
    JsonNode reply = parse(body, call.method());
    if (!reply.isObject()) {
      throw malformed(call.method() + " was answered by " + excerpt(body)
          + " instead of a JSON-RPC reply object");
    }
    JsonNode replyId = reply.get("id");
    // A null id is how servers answer a request they could not parse; it still answers ours.
    if (replyId != null && !replyId.isNull() && !sameId(replyId, id)) {
      throw malformed(call.method() + " (id " + id + ") was answered for id " + replyId);
    }
    return toReply(call, reply);
  }

  /** The replies to a batch, in the order of {@code calls}, matched by id. */
  List<RpcReply> decodeBatch(List<RpcCall> calls, long firstId, byte[] body) {
    JsonNode replies = parse(body, "batch of " + calls.size() + " calls");
    if (!replies.isArray()) {
      throw malformed("a batch of " + calls.size() + " calls was answered by " + excerpt(body)
          + " instead of a JSON array");
    }
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode reply : replies) {
      JsonNode replyId = reply.get("id");
      if (reply.isObject() && replyId != null && !replyId.isNull()) {
        byId.put(replyId.asText(), reply);
      }
    }
    List<RpcReply> ordered = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      RpcCall call = calls.get(i);
      JsonNode reply = byId.get(Long.toString(firstId + i));
      ordered.add(reply == null
          ? new RpcReply(call, null, malformed("the batch reply holds no answer to "
              + call.method() + " (id " + (firstId + i) + ")"))
          : toReply(call, reply));
    }
    return ordered;
  }

  /** Whether the body is a JSON-RPC reply carrying an error (used for non-200 answers). */
  static boolean carriesRpcError(byte[] body) {
    try {
      JsonNode reply = JSON.readTree(body);
      if (reply != null && reply.isArray()) {
        return true;
      }
      return reply != null && reply.isObject() && reply.has("id") && reply.hasNonNull("error");
    } catch (IOException e) {
      return false;
    }
  }

  private RpcReply toReply(RpcCall call, JsonNode reply) {
    JsonNode error = reply.get("error");
    if (error != null && !error.isNull()) {
      return new RpcReply(call, null, nodeError(call.method(), error));
    }
    JsonNode result = reply.get("result");
    return new RpcReply(call, result == null ? NullNode.getInstance() : result, null);
  }

  private NodeErrorException nodeError(String method, JsonNode error) {
    if (!error.isObject()) {
      return new NodeErrorException(endpoint, method, 0, error.asText());
    }
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    return new NodeErrorException(endpoint, method,
        code != null && code.canConvertToInt() ? code.asInt() : 0,
        message == null || message.isNull() ? "" : message.asText());
  }

  private static boolean sameId(JsonNode replyId, long id) {
    return replyId.asText().equals(Long.toString(id));
  }

  private JsonNode parse(byte[] body, String what) {
    try {
      JsonNode node = body.length == 0 ? null : JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        // btcd answers a request without a valid jsonrpc member with an empty body.
        throw malformed(what + " got an empty answer");
      }
      return node;
    } catch (IOException e) {
      throw malformed(what + " was answered by non-JSON text: " + excerpt(body));
    }
  }

  private MalformedResponseException malformed(String problem) {
    return new MalformedResponseException(endpoint, problem);
  }

  /** The first 200 characters of a body on one line, for messages. */
  static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
