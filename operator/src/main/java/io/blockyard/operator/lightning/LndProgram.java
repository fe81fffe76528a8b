package io.blockyard.operator.lightning;

import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.lightning.LightningNode;
import java.util.ArrayList;
import java.util.List;

/** lnd's command line for a node and its chain backend. Pure. */
public final class LndProgram {
  public static final int REST_PORT = 8080;
  public static final int GRPC_PORT = 10009;
  public static final int P2P_PORT = 9735;
  public static final String DATA_DIR = "/data";
  public static final String TLS_DIR = "/tls";
  public static final String BACKEND_TLS_DIR = "/backend-tls";
  public static final String WALLET_DIR = "/wallet";
  public static final String BACKEND_CERT_FILE = "rpc.cert";

  private LndProgram() {}

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
    if (backend.implementation() == Implementation.BTCD) {
      args.addAll(List.of("--bitcoin.node=btcd",
          "--btcd.rpchost=$(" + ChainBackend.HOST_ENV + ")",
          "--btcd.rpcuser=$(" + ChainBackend.USER_ENV + ")",
          "--btcd.rpcpass=$(" + ChainBackend.PASSWORD_ENV + ")",
          "--btcd.rpccert=" + BACKEND_TLS_DIR + "/" + BACKEND_CERT_FILE));
    } else {
      args.addAll(List.of("--bitcoin.node=bitcoind",
          "--bitcoind.rpchost=$(" + ChainBackend.HOST_ENV + ")",
          "--bitcoind.rpcuser=$(" + ChainBackend.USER_ENV + ")",
          "--bitcoind.rpcpass=$(" + ChainBackend.PASSWORD_ENV + ")",
          "--bitcoind.zmqpubrawblock=$(" + ChainBackend.ZMQ_BLOCK_ENV + ")",
          "--bitcoind.zmqpubrawtx=$(" + ChainBackend.ZMQ_TX_ENV + ")"));
    }
    args.addAll(node.getSpec().getExtraArgs());
    return args;
  }

  /** Where lnd keeps the admin macaroon for a chain, under its data directory. */
  public static String macaroonDir(ChainBackend backend) {
    return DATA_DIR + "/data/chain/bitcoin/" + backend.chain().name().toLowerCase();
  }
}
