package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The node software of a network, which is also the RPC dialect the operator speaks to it: the one model of an
 * implementation, used by the resources, the RPC clients, the operator and the CLI.
 */
public enum Implementation {
  /** Bitcoin Core (and anything with its RPC dialect). */
  @JsonProperty("bitcoind")
  BITCOIND("bitcoind"),
  /** btcd, the Go full node. */
  @JsonProperty("btcd")
  BTCD("btcd");

  private final String implementationName;

  Implementation(String implementationName) {
    this.implementationName = implementationName;
  }

  /** The name in resources, labels and connection Secrets, e.g. {@code "btcd"}. */
  public String implementationName() {
    return implementationName;
  }

  /**
   * The implementation with this name (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Implementation named(String name) {
    for (Implementation implementation : values()) {
      if (implementation.implementationName.equalsIgnoreCase(name == null ? "" : name.trim())) {
        return implementation;
      }
    }
    throw new IllegalArgumentException("unknown bitcoin node implementation '" + name + "'; known: "
        + Arrays.stream(values()).map(i -> i.implementationName).collect(Collectors.joining(", ")));
  }
}
