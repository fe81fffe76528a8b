package io.blockyard.rpc;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The node programs Blockyard runs, each with its RPC dialect. */
public enum NodeImplementation {
  /** Bitcoin Core's {@code bitcoind}. */
  BITCOIND("bitcoind") {
    @Override
    public BitcoinNode connect(JsonRpcClient client) {
      return new BitcoinCoreDialect(client);
    }
  },
  /** btcd, the Go implementation. */
  BTCD("btcd") {
    @Override
    public BitcoinNode connect(JsonRpcClient client) {
      return new BtcdDialect(client);
    }
  };

  private final String implementationName;

  NodeImplementation(String implementationName) {
    this.implementationName = implementationName;
  }

  /** The name used in Blockyard's resources, e.g. {@code "btcd"}. */
  public String implementationName() {
    return implementationName;
  }

  /**
   * The implementation with this name (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static NodeImplementation named(String name) {
    for (NodeImplementation implementation : values()) {
      if (implementation.implementationName.equalsIgnoreCase(name == null ? "" : name.trim())) {
        return implementation;
      }
    }
    throw new IllegalArgumentException("unknown bitcoin node implementation '" + name
        + "'; known: " + Arrays.stream(values()).map(i -> i.implementationName)
            .collect(Collectors.joining(", ")));
  }

  /** A node of this implementation at {@code endpoint}. */
  public BitcoinNode connect(RpcEndpoint endpoint) {
    return connect(new JsonRpcClient(endpoint));
  }

  /** A node of this implementation at {@code endpoint}, called through {@code shared}'s HTTP clients. */
  public BitcoinNode connect(RpcEndpoint endpoint, SharedHttpClients shared) {
    return connect(new JsonRpcClient(endpoint, shared));
  }

  /** A node of this implementation reached through {@code client}. */
  public abstract BitcoinNode connect(JsonRpcClient client);
}
