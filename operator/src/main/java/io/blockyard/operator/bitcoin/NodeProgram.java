package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import java.util.List;

/**
 * How the operator runs a node of one {@link Implementation} (image, ports, configuration, command): a pure
 * description, no I/O. Which implementation it is comes from the one model, {@link Implementation}.
 */
public interface NodeProgram {
  String DATA_DIR = "/data";
  String CONFIG_DIR = "/etc/blockyard";
  String TLS_DIR = "/tls";
  String RPC_USER_ENV = "RPC_USER";
  String RPC_PASSWORD_ENV = "RPC_PASSWORD";

  static NodeProgram of(Implementation implementation) {
    return implementation == Implementation.BTCD ? new BtcdProgram() : new BitcoinCoreProgram();
  }

  Implementation implementation();

  /** The implementation's name in labels and connection Secrets. */
  default String name() {
    return implementation().implementationName();
  }

  String defaultImage();

  int rpcPort(Chain chain);

  int p2pPort(Chain chain);

  /** The ports that control or watch the node (RPC and notifications): only the operator and its clients reach them. */
  default List<Integer> controlPorts(Chain chain) {
    return List.of(rpcPort(chain));
  }

  /** Whether the RPC server speaks TLS (btcd always does; Bitcoin Core never does). */
  boolean rpcTls();

  /** File name and content of the node's configuration (no secrets: credentials come from the environment). */
  String configFileName();

  String config(BitcoinNetwork network, String miningAddress);

  /**
   * The program the container runs, whatever the image's entrypoint: the published Bitcoin Core image's entrypoint
   * script needs root (it changes the user's uid and appends its own -datadir), which non-root pods do not give it.
   */
  String command();

  /** Container arguments; {@code $(RPC_USER)} and {@code $(RPC_PASSWORD)} are expanded by Kubernetes. */
  List<String> args(BitcoinNetwork network);

  /** A shell command that succeeds when the node's RPC server answers. */
  String readinessCommand(BitcoinNetwork network);
}
