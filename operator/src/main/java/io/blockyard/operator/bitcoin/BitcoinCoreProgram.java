package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.operator.DefaultImages;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bitcoin Core: plain-HTTP RPC, bitcoin.conf with per-chain sections, {@code generatetoaddress} for mining. */
public final class BitcoinCoreProgram implements NodeProgram {
  public static final int ZMQ_RAW_BLOCK_PORT = 28332;
  public static final int ZMQ_RAW_TX_PORT = 28333;

  @Override
  public Implementation implementation() {
    return Implementation.BITCOIND;
  }

  @Override
  public String command() {
    return "bitcoind";
  }

  @Override
  public String defaultImage() {
    return DefaultImages.current().bitcoind();
  }

  @Override
  public int rpcPort(Chain chain) {
    return switch (chain) {
      case MAINNET -> 8332;
      case TESTNET -> 18332;
      case REGTEST -> 18443;
      case SIGNET -> 38332;
      case SIMNET -> throw new IllegalArgumentException("simnet is a btcd-only chain");
    };
  }

  @Override
  public int p2pPort(Chain chain) {
    return switch (chain) {
      case MAINNET -> 8333;
      case TESTNET -> 18333;
      case REGTEST -> 18444;
      case SIGNET -> 38333;
      case SIMNET -> throw new IllegalArgumentException("simnet is a btcd-only chain");
    };
  }

  /** RPC, and the ZMQ block and transaction feeds lnd follows. */
  @Override
  public List<Integer> controlPorts(Chain chain) {
    return List.of(rpcPort(chain), ZMQ_RAW_BLOCK_PORT, ZMQ_RAW_TX_PORT);
  }

  @Override
  public boolean rpcTls() {
    return false;
  }

  @Override
  public String configFileName() {
    return "bitcoin.conf";
  }

  @Override
  public String config(BitcoinNetwork network, String miningAddress) {
    Chain chain = network.getSpec().getChain();
    StringBuilder conf = new StringBuilder();
    switch (chain) {
      case REGTEST -> conf.append("regtest=1\n");
      case TESTNET -> conf.append("testnet=1\n");
      case SIGNET -> conf.append("signet=1\n");
      default -> { }
    }
    conf.append("server=1\nprinttoconsole=1\ndatadir=").append(NodeProgram.DATA_DIR).append('\n');
    // The RPC user as a salted hash (the operator's rpcauth Secret): the password is in no file of the pod. With no
    // -rpcpassword, bitcoind also writes a cookie for local clients (the readiness probe).
    conf.append("includeconf=").append(RPC_AUTH_DIR).append('/').append(RPC_AUTH_FILE).append('\n');
    String section = switch (chain) {
      case REGTEST -> "[regtest]\n";
      case TESTNET -> "[test]\n";
      case SIGNET -> "[signet]\n";
      default -> "";
    };
    conf.append(section);
    conf.append("rpcbind=0.0.0.0\nrpcallowip=0.0.0.0/0\nrpcport=").append(rpcPort(chain)).append('\n');
    conf.append("bind=0.0.0.0\nport=").append(p2pPort(chain)).append('\n');
    // Block and transaction notifications for Lightning nodes bound to this network (lnd's bitcoind backend).
    conf.append("zmqpubrawblock=tcp://0.0.0.0:").append(ZMQ_RAW_BLOCK_PORT).append('\n');
    conf.append("zmqpubrawtx=tcp://0.0.0.0:").append(ZMQ_RAW_TX_PORT).append('\n');
    for (String peer : network.getSpec().getPeers()) {
      conf.append("addnode=").append(peer).append('\n');
    }
    return conf.toString();
  }

  @Override
  public List<String> args(BitcoinNetwork network) {
    List<String> args = new ArrayList<>(List.of("-conf=" + CONFIG_DIR + "/" + configFileName()));
    args.addAll(network.getSpec().getExtraArgs());
    return args;
  }

  /** The key of the operator's rpcauth Secret, included by bitcoin.conf. */
  public static final String RPC_AUTH_FILE = "rpcauth.conf";

  /** bitcoind never gets the password: {@code bitcoin.conf} includes the rpcauth line. */
  @Override
  public Map<String, String> credentialFiles(BitcoinNetwork network, String config, String user, String password) {
    return Map.of(RPC_AUTH_FILE, RpcAuthLine.of(network, user, password));
  }

  @Override
  public String credentialFilesDir() {
    return RPC_AUTH_DIR;
  }

  /** bitcoin-cli answers only once bitcoind has warmed up; its RPC port listens before that. */
  @Override
  public Probe readinessProbe(BitcoinNetwork network) {
    return NodeProgram.readinessTimings().withNewExec().withCommand("sh", "-c", readinessCommand(network)).endExec()
        .build();
  }

  String readinessCommand(BitcoinNetwork network) {
    Chain chain = network.getSpec().getChain();
    String chainFlag = switch (chain) {
      case REGTEST -> " -regtest";
      case TESTNET -> " -testnet";
      case SIGNET -> " -signet";
      default -> "";
    };
    // The cookie bitcoind writes in its data directory: no password on the probe's command line.
    return "bitcoin-cli" + chainFlag + " -datadir=" + DATA_DIR + " -rpcconnect=127.0.0.1 -rpcport=" + rpcPort(chain)
        + " getblockcount";
  }
}
