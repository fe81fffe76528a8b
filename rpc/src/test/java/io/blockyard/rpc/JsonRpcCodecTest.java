package io.blockyard.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request shapes and reply reading, without a node. */
class JsonRpcCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AT = "http://127.0.0.1:1/";

  private final JsonRpcCodec v1 = new JsonRpcCodec(JsonRpcVersion.V1, AT);
  private final JsonRpcCodec v2 = new JsonRpcCodec(JsonRpcVersion.V2, AT);

  private static JsonNode tree(byte[] json) throws Exception {
    return JSON.readTree(json);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void requestCarriesVersionIdMethodAndParams() throws Exception {
    assertThat(tree(v1.encode(RpcCall.of("getaddednodeinfo", false), 7))).isEqualTo(tree(bytes(
        "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"getaddednodeinfo\",\"params\":[false]}")));
    assertThat(tree(v2.encode(RpcCall.of("addnode", "127.0.0.1:1", "add"), 8))).isEqualTo(
        tree(bytes("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"addnode\","
            + "\"params\":[\"127.0.0.1:1\",\"add\"]}")));
  }

  @Test
  void requestWithoutParamsStillSendsAnEmptyArray() throws Exception {
    assertThat(tree(v1.encode(RpcCall.of("getblockcount"), 1)).get("params").isArray()).isTrue();
  }

  @Test
  void batchIsAnArrayWithConsecutiveIds() throws Exception {
    JsonNode batch = tree(v2.encodeBatch(
        List.of(RpcCall.of("getblockcount"), RpcCall.of("getbestblockhash")), 40));

    assertThat(batch.isArray()).isTrue();
    assertThat(batch.get(0).get("id").asLong()).isEqualTo(40);
    assertThat(batch.get(1).get("id").asLong()).isEqualTo(41);
    assertThat(batch.get(1).get("method").asText()).isEqualTo("getbestblockhash");
    assertThat(batch.get(1).get("jsonrpc").asText()).isEqualTo("2.0");
  }

  @Test
  void batchRepliesAreOrderedByIdNotByPosition() {
    List<RpcCall> calls = List.of(RpcCall.of("a"), RpcCall.of("b"), RpcCall.of("c"));
    // bcoin style (no jsonrpc, message before code) and 2.0 style (no error member) mixed.
    String reply = "[{\"jsonrpc\":\"2.0\",\"result\":\"C\",\"id\":12},"
        + "{\"result\":null,\"error\":{\"message\":\"Method not found: b.\",\"code\":-32601},"
        + "\"id\":11},{\"result\":\"A\",\"error\":null,\"id\":10}]";

    List<RpcReply> replies = v1.decodeBatch(calls, 10, bytes(reply));

    assertThat(replies).extracting(r -> r.call().method()).containsExactly("a", "b", "c");
    assertThat(replies.get(0).result().asText()).isEqualTo("A");
    assertThat(replies.get(1).error()).isInstanceOfSatisfying(NodeErrorException.class, e -> {
      assertThat(e.code()).isEqualTo(-32601);
      assertThat(e.nodeMessage()).isEqualTo("Method not found: b.");
      assertThat(e.method()).isEqualTo("b");
    });
    assertThat(replies.get(2).result().asText()).isEqualTo("C");
  }

  @Test
  void batchReplyMissingAnAnswerMarksOnlyThatCall() {
    List<RpcReply> replies = v1.decodeBatch(List.of(RpcCall.of("a"), RpcCall.of("b")), 1,
        bytes("[{\"result\":1,\"error\":null,\"id\":1}]"));

    assertThat(replies.get(0).result().asInt()).isEqualTo(1);
    assertThat(replies.get(1).error()).isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("no answer to b");
  }

  @Test
  void nullResultIsASuccess() {
    RpcReply reply = v1.decode(RpcCall.of("addnode"), 3,
        bytes("{\"jsonrpc\":\"1.0\",\"result\":null,\"error\":null,\"id\":3}"));

    assertThat(reply.failed()).isFalse();
    assertThat(reply.result().isNull()).isTrue();
  }

  @Test
  void coreLegacyErrorBodyIsAReply() {
    // Bitcoin Core's 1.0 mode sends this with HTTP 500.
    byte[] body = bytes("{\"result\":null,\"error\":{\"code\":-23,"
        + "\"message\":\"Error: Node already added\"},\"id\":5}");

    assertThat(JsonRpcCodec.carriesRpcError(body)).isTrue();
    assertThat(JsonRpcCodec.carriesRpcError(bytes("<html>Bad Gateway</html>"))).isFalse();
    assertThat(v1.decode(RpcCall.of("addnode"), 5, body).error())
        .isInstanceOfSatisfying(NodeErrorException.class,
            e -> assertThat(e.code()).isEqualTo(BitcoinCoreDialect.NODE_ALREADY_ADDED));
  }

  @Test
  void replyForAnotherIdIsMalformed() {
    assertThatThrownBy(() -> v1.decode(RpcCall.of("getblockcount"), 3,
        bytes("{\"result\":1,\"error\":null,\"id\":4}")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining(AT);
  }

  @Test
  void emptyOrNonJsonBodyIsMalformed() {
    assertThatThrownBy(() -> v1.decode(RpcCall.of("getblockcount"), 1, bytes("\n")))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> v1.decode(RpcCall.of("getblockcount"), 1, bytes("ok")))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("non-JSON");
  }
}
