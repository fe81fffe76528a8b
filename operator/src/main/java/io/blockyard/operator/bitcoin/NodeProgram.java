package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;
import java.util.Map;

/**
 * How the operator runs a node of one {@link Implementation} (image, ports, configuration, command): a pure
 * description, no I/O. Which implementation it is comes from the one model, {@link Implementation}.
 */
public interface NodeProgram {
  /** The container's and the Services' port names. */
  String RPC_PORT_NAME = "rpc";
  String P2P_PORT_NAME = "p2p";

  String DATA_DIR = "/data";
  String CONFIG_DIR = "/etc/blockyard";
  String TLS_DIR = "/tls";
  /** Where btcd's credential files are mounted from the operator's rpcauth Secret. */
  String RUN_DIR = "/run/blockyard";
  /** Where Bitcoin Core's rpcauth line is mounted from that Secret (a salted hash; the password is not in the pod). */
  String RPC_AUTH_DIR = "/etc/blockyard-rpcauth";

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

  /** File name and content of the node's configuration (no secrets: see {@link #credentialFiles}). */
  String configFileName();

  String config(BitcoinNetwork network, String miningAddress);

  /**
   * The program the container runs, whatever the image's entrypoint: the published Bitcoin Core image's entrypoint
   * script needs root (it changes the user's uid and appends its own -datadir), which non-root pods do not give it.
   */
  String command();

  /** Container arguments: no credential among them. */
  List<String> args(BitcoinNetwork network);

  /**
   * The files of the operator's rpcauth Secret, which the node mounts read-only at {@link #credentialFilesDir()}: what
   * the node needs of the RPC credentials, and no more. Pure.
   *
   * @param config the node's configuration file, as in the ConfigMap
   */
  Map<String, String> credentialFiles(BitcoinNetwork network, String config, String user, String password);

  /** Where the node reads {@link #credentialFiles}. */
  String credentialFilesDir();

  /**
   * Ready when the node's RPC server answers; the probe carries no credential. The kubelet runs it on every node
   * pod every few seconds, so it must be cheap: an exec probe starts a process in the container each time, which at
   * a fleet of nodes is most of the machine's work.
   */
  Probe readinessProbe(BitcoinNetwork network);

  /**
   * A probe that tells the kubelet the node has started, or null: while it fails, readiness is not probed; once it
   * passes, the kubelet probes readiness at once rather than at its next period.
   */
  default Probe startupProbe(BitcoinNetwork network) {
    return null;
  }

  /** How often readiness is probed, and how many misses make a node unready. */
  static ProbeBuilder readinessTimings() {
    return new ProbeBuilder().withPeriodSeconds(5).withTimeoutSeconds(3).withFailureThreshold(3);
  }
}
