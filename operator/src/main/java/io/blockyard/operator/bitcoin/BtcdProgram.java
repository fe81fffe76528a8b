package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.operator.DefaultImages;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** btcd: TLS on its RPC, a config file in go-flags' ini format, mining with {@code generate} to --miningaddr. */
final class BtcdProgram implements NodeProgram {
  @Override
  public Implementation implementation() {
    return Implementation.BTCD;
  }

  /** btcd publishes no image: this is Blockyard's own (deploy/images/btcd), published with each release. */
  @Override
  public String command() {
    return "btcd";
  }

  @Override
  public String defaultImage() {
    return DefaultImages.current().btcd();
  }

  @Override
  public int rpcPort(Chain chain) {
    return switch (chain) {
      case MAINNET -> 8334;
      case TESTNET, REGTEST -> 18334;
      case SIMNET -> 18556;
      case SIGNET -> 38332;
    };
  }

  @Override
  public int p2pPort(Chain chain) {
    return switch (chain) {
      case MAINNET -> 8333;
      case TESTNET -> 18333;
      case REGTEST -> 18444;
      case SIMNET -> 18555;
      case SIGNET -> 38333;
    };
  }

  /** The UTXO cache on regtest and simnet, MiB. */
  static final int TEST_CHAIN_UTXO_CACHE_MIB = 10;

  @Override
  public boolean rpcTls() {
    return true;
  }

  @Override
  public String configFileName() {
    return "btcd.conf";
  }

  @Override
  public String config(BitcoinNetwork network, String miningAddress) {
    Chain chain = network.getSpec().getChain();
    StringBuilder conf = new StringBuilder("[Application Options]\n");
    conf.append("datadir=").append(DATA_DIR).append('\n');
    conf.append("logdir=").append(DATA_DIR).append("/logs\n");
    conf.append("listen=0.0.0.0:").append(p2pPort(chain)).append('\n');
    conf.append("rpclisten=0.0.0.0:").append(rpcPort(chain)).append('\n');
    // The certificate is always one the operator can trust: the user's TLS Secret or the one it issued.
    conf.append("rpccert=").append(TLS_DIR).append("/tls.crt\n");
    conf.append("rpckey=").append(TLS_DIR).append("/tls.key\n");
    // lnd's btcd backend looks transactions up by id (confirmations, spends of channel outputs).
    conf.append("txindex=1\n");
    if (chain.minesOnDemand()) {
      // btcd pre-allocates its UTXO cache (250 MiB by default, sized for mainnet): most of an idle test node's RSS.
      // A test chain's UTXO set fits in a few MiB; --utxocachemaxsize in spec.extraArgs overrides this.
      conf.append("utxocachemaxsize=").append(TEST_CHAIN_UTXO_CACHE_MIB).append('\n');
    }
    switch (chain) {
      case REGTEST -> conf.append("regtest=1\n");
      case SIMNET -> conf.append("simnet=1\n");
      case TESTNET -> conf.append("testnet=1\n");
      case SIGNET -> conf.append("signet=1\n");
      case MAINNET -> { }
    }
    if (miningAddress != null) {
      conf.append("miningaddr=").append(miningAddress).append('\n');
    }
    for (String peer : network.getSpec().getPeers()) {
      conf.append("addpeer=").append(peer).append('\n');
    }
    return conf.toString();
  }

  @Override
  public List<String> args(BitcoinNetwork network) {
    List<String> args = new ArrayList<>(List.of("--configfile=" + RUN_DIR + "/" + configFileName()));
    args.addAll(network.getSpec().getExtraArgs());
    return args;
  }

  /** The btcctl configuration for a person at {@code kubectl exec}: credentials on no command line. */
  public static final String BTCCTL_CONFIG = RUN_DIR + "/btcctl.conf";

  /**
   * btcd reads one configuration file, and its password from it: the ConfigMap's file with the credentials added;
   * btcctl gets its own. Both mounted from a Secret, so the password is on no command line and in no environment.
   */
  @Override
  public Map<String, String> credentialFiles(BitcoinNetwork network, String config, String user, String password) {
    String credentials = "rpcuser=" + user + "\nrpcpass=" + password + "\n";
    return Map.of(configFileName(), config + credentials,
        BTCCTL_CONFIG.substring(RUN_DIR.length() + 1), "[Application Options]\n" + credentials);
  }

  @Override
  public String credentialFilesDir() {
    return RUN_DIR;
  }

  /**
   * The P2P port accepts connections: a TCP check the kubelet makes itself. Not the RPC port: Go's HTTPS server logs
   * a TLS handshake error for every connection closed before a handshake, a line in btcd's log at every probe; a peer
   * that leaves before its version message is logged at debug level only. A wrong credential is the operator's to
   * report, from its own calls. btcd listens on its P2P port before its RPC port (it loads its chain in between):
   * the startup probe waits for the RPC port, so a pod is not ready before the operator can call it.
   */
  @Override
  public Probe readinessProbe(BitcoinNetwork network) {
    return NodeProgram.readinessTimings().withNewTcpSocket().withPort(new IntOrString(P2P_PORT_NAME)).endTcpSocket()
        .build();
  }

  /** How long a btcd on a test chain may take to listen before the kubelet restarts it. */
  static final int TEST_CHAIN_START_SECONDS = 600;

  /**
   * On a test chain btcd listens within seconds of its start: checked every second then, so that a new network's
   * nodes are ready a second after they listen rather than up to a readiness period later. It checks the RPC port,
   * which btcd opens last (see {@link #readinessProbe}): a pod ready on its P2P port alone was called at once and
   * refused, a NodeUnreachable warning on every new network. Its one successful check is one TLS handshake error in
   * btcd's log. None on the other chains, whose start (loading a long chain, a migration) has no bound the kubelet
   * could enforce.
   */
  @Override
  public Probe startupProbe(BitcoinNetwork network) {
    if (!network.getSpec().getChain().minesOnDemand()) {
      return null;
    }
    return new ProbeBuilder().withPeriodSeconds(1).withTimeoutSeconds(1).withFailureThreshold(TEST_CHAIN_START_SECONDS)
        .withNewTcpSocket().withPort(new IntOrString(RPC_PORT_NAME)).endTcpSocket().build();
  }

}
