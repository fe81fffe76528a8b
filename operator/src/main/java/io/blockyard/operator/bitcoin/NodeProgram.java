package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.operator.SecretConfigFile;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;

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
  /** A memory volume for files with credentials that an init container writes (see {@link SecretConfigFile}). */
  String RUN_DIR = "/run/blockyard";
  /** Where the operator's rpcauth Secret is mounted (Bitcoin Core's salted hash; the password is not in the pod). */
  String RPC_AUTH_DIR = "/etc/blockyard-rpcauth";
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

  /** File name and content of the node's configuration (no secrets: see {@link #credentialsFile}). */
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
   * The files with the RPC credentials that an init container writes from {@code $RPC_USER} and
   * {@code $RPC_PASSWORD} (the credentials Secret), or none when the program reads no password at all.
   */
  List<SecretConfigFile> credentialsFiles(BitcoinNetwork network);

  /** Whether the node reads Bitcoin Core's rpcauth line from the operator's Secret at {@link #RPC_AUTH_DIR}. */
  boolean readsRpcAuth();

  /**
   * Ready when the node's RPC server answers; the probe carries no credential. The kubelet runs it on every node
   * pod every few seconds, so it must be cheap: an exec probe starts a process in the container each time, which at
   * a fleet of nodes is most of the machine's work.
   */
  Probe readinessProbe(BitcoinNetwork network);

  /** How often readiness is probed, and how many misses make a node unready. */
  static ProbeBuilder readinessTimings() {
    return new ProbeBuilder().withPeriodSeconds(5).withTimeoutSeconds(3).withFailureThreshold(3);
  }
}
