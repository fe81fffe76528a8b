package io.blockyard.operator;

import io.blockyard.operator.bitcoin.MiningInterval;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator's settings: each a flag whose default comes from an environment variable (the Helm chart sets the
 * variables; a flag on the command line wins). Parsed before any logger exists, since the log level and format
 * configure Logback.
 */
@Command(name = "blockyard-operator", mixinStandardHelpOptions = true,
    description = "The Blockyard operator: runs Bitcoin and Lightning nodes from BitcoinNetwork, LightningNode and "
        + "LightningChannel resources.")
public final class OperatorConfig {
  public enum LogFormat { text, json }

  @Option(names = "--watch-namespaces", split = ",", defaultValue = "${env:BLOCKYARD_WATCH_NAMESPACES:-}",
      description = "Namespaces to watch, comma-separated; empty watches all (env BLOCKYARD_WATCH_NAMESPACES).")
  List<String> watchNamespaces = List.of();

  @Option(names = "--leader-election", negatable = true, defaultValue = "${env:BLOCKYARD_LEADER_ELECTION:-false}",
      fallbackValue = "true", description = "Take part in leader election on a Lease, so that of several replicas "
          + "only one reconciles (env BLOCKYARD_LEADER_ELECTION).")
  boolean leaderElection;

  @Option(names = "--lease-name", defaultValue = "${env:BLOCKYARD_LEASE_NAME:-blockyard-operator}",
      description = "The Lease's name (env BLOCKYARD_LEASE_NAME).")
  String leaseName;

  @Option(names = "--lease-namespace", defaultValue = "${env:BLOCKYARD_LEASE_NAMESPACE:-${env:POD_NAMESPACE:-}}",
      description = "The Lease's namespace; by default the operator's own (env BLOCKYARD_LEASE_NAMESPACE, POD_NAMESPACE).")
  String leaseNamespace;

  @Option(names = "--identity", defaultValue = "${env:POD_NAME:-${env:HOSTNAME:-}}",
      description = "This replica's name in the Lease (env POD_NAME, else HOSTNAME).")
  String identity;

  @Option(names = "--lease-duration", defaultValue = "${env:BLOCKYARD_LEASE_DURATION:-15s}",
      converter = DurationConverter.class,
      description = "How long a leader that stopped renewing keeps the Lease (env BLOCKYARD_LEASE_DURATION).")
  Duration leaseDuration;

  @Option(names = "--http-port", defaultValue = "${env:BLOCKYARD_HTTP_PORT:-8080}",
      description = "Port of /healthz, /readyz and /metrics; 0 turns them off (env BLOCKYARD_HTTP_PORT).")
  int httpPort;

  @Option(names = "--log-level", defaultValue = "${env:BLOCKYARD_LOG_LEVEL:-INFO}",
      description = "TRACE, DEBUG, INFO, WARN or ERROR (env BLOCKYARD_LOG_LEVEL).")
  String logLevel;

  @Option(names = "--log-format", defaultValue = "${env:BLOCKYARD_LOG_FORMAT:-text}",
      description = "text, or json (one JSON object a line, for log pipelines) (env BLOCKYARD_LOG_FORMAT).")
  LogFormat logFormat;

  @Option(names = "--bitcoin-rpc-timeout", defaultValue = "${env:BLOCKYARD_BITCOIN_RPC_TIMEOUT:-5s}",
      converter = DurationConverter.class,
      description = "Limit of one Bitcoin node RPC call (env BLOCKYARD_BITCOIN_RPC_TIMEOUT).")
  Duration bitcoinRpcTimeout;

  @Option(names = "--lnd-rpc-timeout", defaultValue = "${env:BLOCKYARD_LND_RPC_TIMEOUT:-30s}",
      converter = DurationConverter.class,
      description = "Limit of one lnd REST call (env BLOCKYARD_LND_RPC_TIMEOUT).")
  Duration lndRpcTimeout;

  @Option(names = "--shutdown-timeout", defaultValue = "${env:BLOCKYARD_SHUTDOWN_TIMEOUT:-20s}",
      converter = DurationConverter.class,
      description = "How long a stop waits for running reconciles to finish (env BLOCKYARD_SHUTDOWN_TIMEOUT).")
  Duration shutdownTimeout;

  @Option(names = "--default-btcd-image", defaultValue = "${env:BLOCKYARD_DEFAULT_BTCD_IMAGE:-}",
      description = "Image of btcd nodes whose network names none (env BLOCKYARD_DEFAULT_BTCD_IMAGE).")
  String btcdImage;

  @Option(names = "--default-bitcoind-image", defaultValue = "${env:BLOCKYARD_DEFAULT_BITCOIND_IMAGE:-}",
      description = "Image of bitcoind nodes whose network names none (env BLOCKYARD_DEFAULT_BITCOIND_IMAGE).")
  String bitcoindImage;

  @Option(names = "--default-lnd-image", defaultValue = "${env:BLOCKYARD_DEFAULT_LND_IMAGE:-}",
      description = "Image of lnd nodes whose resource names none (env BLOCKYARD_DEFAULT_LND_IMAGE).")
  String lndImage;

  /** The settings from {@code args} and the environment; a bad value fails with picocli's message. */
  public static OperatorConfig parse(String... args) {
    OperatorConfig config = new OperatorConfig();
    new CommandLine(config).parseArgs(args);
    config.watchNamespaces = config.watchNamespaces.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (config.leaderElection && config.identity.isBlank()) {
      throw new IllegalArgumentException("leader election needs this replica's name: set POD_NAME or --identity");
    }
    return config;
  }

  /** The defaults, as a test that runs the operator on the host uses them (no leader election, no HTTP port). */
  public static OperatorConfig onHost() {
    return parse("--no-leader-election", "--http-port=0");
  }

  /** Empty when every namespace is watched. */
  public List<String> watchNamespaces() {
    return watchNamespaces;
  }

  public boolean leaderElection() {
    return leaderElection;
  }

  public String leaseName() {
    return leaseName;
  }

  public Optional<String> leaseNamespace() {
    return leaseNamespace.isBlank() ? Optional.empty() : Optional.of(leaseNamespace);
  }

  public String identity() {
    return identity;
  }

  public Duration leaseDuration() {
    return leaseDuration;
  }

  public int httpPort() {
    return httpPort;
  }

  public String logLevel() {
    return logLevel;
  }

  public LogFormat logFormat() {
    return logFormat;
  }

  public Duration bitcoinRpcTimeout() {
    return bitcoinRpcTimeout;
  }

  public Duration lndRpcTimeout() {
    return lndRpcTimeout;
  }

  /** The pinned images, except where a setting names another. */
  public DefaultImages defaultImages() {
    DefaultImages pinned = DefaultImages.PINNED;
    return new DefaultImages(btcdImage.isBlank() ? pinned.btcd() : btcdImage,
        bitcoindImage.isBlank() ? pinned.bitcoind() : bitcoindImage, lndImage.isBlank() ? pinned.lnd() : lndImage);
  }

  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** {@code 500ms}, {@code 5s}, {@code 1m30s}: the same durations as a network's mining interval. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return MiningInterval.parse(value.strip());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write it as 500ms, 5s, 2m or 1h");
      }
    }
  }
}
