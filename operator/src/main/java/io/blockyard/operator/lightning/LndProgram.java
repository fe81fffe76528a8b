package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;

import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.SecretConfigFile;
import java.util.ArrayList;
import java.util.List;

/** lnd's command line for a node and its chain backend. Pure. */
public final class LndProgram {
  public static final int REST_PORT = LightningNames.REST_PORT;
  public static final int GRPC_PORT = LightningNames.GRPC_PORT;
  public static final int P2P_PORT = LightningNames.P2P_PORT;
  public static final String DATA_DIR = "/data";
  public static final String TLS_DIR = "/tls";
  public static final String BACKEND_TLS_DIR = "/backend-tls";
  public static final String WALLET_DIR = "/wallet";
  public static final String BACKEND_CERT_FILE = "rpc.cert";

  /** A memory volume that the init container writes lnd.conf to. */
  public static final String RUN_DIR = "/run/lnd";
  public static final String CONFIG_FILE = RUN_DIR + "/lnd.conf";

  private LndProgram() {}

  /** lnd.conf with the chain backend's host and credentials, from the backend's variables (Secret keys). */
  public static SecretConfigFile backendConfig(ChainBackend backend) {
    List<SecretConfigFile.Line> lines = new ArrayList<>();
    if (backend.implementation() == Implementation.BTCD) {
      lines.add(SecretConfigFile.literal("[Btcd]"));
      lines.add(SecretConfigFile.fromEnv("btcd.rpchost", ChainBackend.HOST_ENV));
      lines.add(SecretConfigFile.fromEnv("btcd.rpcuser", ChainBackend.USER_ENV));
      lines.add(SecretConfigFile.fromEnv("btcd.rpcpass", ChainBackend.PASSWORD_ENV));
    } else {
      lines.add(SecretConfigFile.literal("[Bitcoind]"));
      lines.add(SecretConfigFile.fromEnv("bitcoind.rpchost", ChainBackend.HOST_ENV));
      lines.add(SecretConfigFile.fromEnv("bitcoind.rpcuser", ChainBackend.USER_ENV));
      lines.add(SecretConfigFile.fromEnv("bitcoind.rpcpass", ChainBackend.PASSWORD_ENV));
      lines.add(SecretConfigFile.fromEnv("bitcoind.zmqpubrawblock", ChainBackend.ZMQ_BLOCK_ENV));
      lines.add(SecretConfigFile.fromEnv("bitcoind.zmqpubrawtx", ChainBackend.ZMQ_TX_ENV));
    }
    return new SecretConfigFile(CONFIG_FILE, null, lines);
  }

  public static List<String> args(LightningNode node, ChainBackend backend) {
    String chain = backend.chain().name().toLowerCase();
    // No --lnddir: lnd then ignores --tlscertpath and --tlskeypath. HOME (see LndStatefulSet) puts the default
    // lnd directory on the data volume, and each path is given explicitly.
    List<String> args = new ArrayList<>(List.of(
        "--datadir=" + DATA_DIR + "/data",
        "--logdir=" + DATA_DIR + "/logs",
        "--letsencryptdir=" + DATA_DIR + "/letsencrypt",
        "--bitcoin." + chain,
        "--rpclisten=0.0.0.0:" + GRPC_PORT,
        "--restlisten=0.0.0.0:" + REST_PORT,
        "--listen=0.0.0.0:" + P2P_PORT,
        "--tlscertpath=" + TLS_DIR + "/tls.crt",
        "--tlskeypath=" + TLS_DIR + "/tls.key",
        // The operator creates the wallet; from then on lnd unlocks itself with the password file. Until the
        // wallet exists, lnd waits for the operator's initwallet instead of failing.
        "--wallet-unlock-password-file=" + WALLET_DIR + "/" + WalletSecrets.PASSWORD_KEY,
        "--wallet-unlock-allow-create",
        "--alias=" + (node.getSpec().getAlias() != null ? node.getSpec().getAlias() : node.getMetadata().getName())));
    if (node.getSpec().getColor() != null) {
      args.add("--color=" + node.getSpec().getColor());
    }
    if (backend.chain().minesOnDemand()) {
      // lnd 0.20 looks for peers of its own on regtest and simnet too; there the operator connects the peers a
      // channel needs, as lnd 0.19 left it to.
      args.add("--nobootstrap");
    }
    // The backend's address and credentials are in the configuration file (see backendConfig), not here.
    args.add("--configfile=" + CONFIG_FILE);
    if (backend.implementation() == Implementation.BTCD) {
      args.addAll(List.of("--bitcoin.node=btcd", "--btcd.rpccert=" + BACKEND_TLS_DIR + "/" + BACKEND_CERT_FILE));
    } else {
      args.add("--bitcoin.node=bitcoind");
    }
    args.addAll(node.getSpec().getExtraArgs());
    return args;
  }

  /** Where lnd keeps the admin macaroon for a chain, under its data directory. */
  public static String macaroonDir(ChainBackend backend) {
    return DATA_DIR + "/data/chain/bitcoin/" + backend.chain().name().toLowerCase();
  }
}
