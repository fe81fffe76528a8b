package io.blockyard.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The node's answer to one call of a batch: either a result (possibly JSON null) or an error.
 *
 * @param call the call this answers
 * @param result the result, or null when {@code error} is set
 * @param error a {@link NodeErrorException} when the node answered with an error, a
 *     {@link MalformedResponseException} when the batch reply lacked this call's answer
 */
public record RpcReply(RpcCall call, JsonNode result, RpcException error) {

  public RpcReply {
    Objects.requireNonNull(call, "call");
  }

  /** Whether the node answered this call with an error. */
  public boolean failed() {
    return error != null;
  }

  /** The result, or the error thrown. */
  public JsonNode resultOrThrow() {
    if (error != null) {
      throw error;
    }
    return result;
  }
}
