package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The remote end of a channel: a LightningNode of this namespace or a node outside Blockyard. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.node) != has(self.uri)",
    message = "set exactly one of spec.to.node (a LightningNode in this namespace) and spec.to.uri "
        + "(pubkey@host:port of a node outside Blockyard)")
public class ChannelPeerSpec {
  public static final String URI_PATTERN = "^[0-9a-f]{66}@[^@\\s]+:[0-9]{1,5}$";

  @JsonPropertyDescription("A LightningNode in this namespace.")
  private String node;

  @Pattern(URI_PATTERN)
  @JsonPropertyDescription("A node outside Blockyard, as pubkey@host:port (66 lower-case hex digits, then where "
      + "it listens).")
  private String uri;

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelPeerSpec other && Objects.equals(node, other.node) && Objects.equals(uri, other.uri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, uri);
  }
}
