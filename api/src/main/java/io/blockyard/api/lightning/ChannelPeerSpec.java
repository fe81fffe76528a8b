package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The remote end of a channel: a LightningNode of this namespace or a node outside Blockyard. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.node) != has(self.uri)",
    message = "set exactly one of spec.to.node (a LightningNode in this namespace) and spec.to.uri "
        + "(pubkey@host:port of a node outside Blockyard)")
public class ChannelPeerSpec {
  /** A compressed secp256k1 public key (02 or 03, then 64 hex digits), @, where it listens. */
  public static final String URI_PATTERN = "^0[23][0-9a-f]{64}@[^@\\s]+:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}"
      + "|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";

  @JsonPropertyDescription("A LightningNode in this namespace.")
  private String node;

  @Size(max = 330)
  @ValidationRule(value = "self.matches(r'" + URI_PATTERN + "')",
      message = "spec.to.uri must be pubkey@host:port: the pubkey is a compressed key (66 lower-case hex digits "
          + "starting with 02 or 03, as lncli getinfo prints it) and the port is from 1 to 65535")
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
