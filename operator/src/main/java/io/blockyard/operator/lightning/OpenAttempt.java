package io.blockyard.operator.lightning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockyard.api.lightning.LightningChannel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The record, on the LightningChannel itself, that an operator is about to ask lnd to open it: written before the
 * call with the resource version the operator read as a precondition, so that of two operator instances (or a pass
 * that runs on a stale cache, or a retry after a timeout) only one ever gets to call lnd. A channel with a record
 * and no channel point is only looked for in lnd (adopted), never opened again; the record is removed only when lnd
 * refused the open (nothing was opened).
 */
public final class OpenAttempt {
  public static final String ANNOTATION = "blockyard.io/open-attempt";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAttempt() {}

  public static Optional<String> recorded(LightningChannel channel) {
    Map<String, String> annotations = channel.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }

  /**
   * @return false when another writer changed the channel since it was read (another operator may be opening it):
   *     the caller must not call lnd, and looks again on its next pass
   */
  public static boolean record(KubernetesClient client, LightningChannel channel, String by) {
    return patch(client, channel, by + " at " + Instant.now());
  }

  /** lnd refused the open: nothing was opened, so a later pass may try again. */
  public static void clear(KubernetesClient client, LightningChannel channel) {
    client.resources(LightningChannel.class).inNamespace(channel.getMetadata().getNamespace())
        .withName(channel.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + ANNOTATION + "\":null}}}");
  }

  private static boolean patch(KubernetesClient client, LightningChannel channel, String value) {
    try {
      // A merge patch that carries metadata.resourceVersion is refused with 409 if the object changed since.
      String body = JSON.writeValueAsString(Map.of("metadata", Map.of("resourceVersion",
          channel.getMetadata().getResourceVersion(), "annotations", Map.of(ANNOTATION, value))));
      client.resources(LightningChannel.class).inNamespace(channel.getMetadata().getNamespace())
          .withName(channel.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), body);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
