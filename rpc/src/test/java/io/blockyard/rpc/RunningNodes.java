package io.blockyard.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real node processes for a test class and stops them all after it, also when a test
 * or the start-up itself failed. Register as a static {@code @RegisterExtension} field.
 */
final class RunningNodes implements AfterAllCallback {

  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  /** btcd's regtest P2PKH address (version 0x6f) that its --miningaddr pays. */
  static final String BTCD_MINING_ADDRESS =
      RegtestAddress.p2pkh(RegtestAddress.CORE_REGTEST_P2PKH, 7);

  private final Deque<NodeProcess> started = new ArrayDeque<>();

  /** A btcd with the RPC certificate it generates itself. */
  TestBtcd btcd(String name) throws Exception {
    return btcd(name, (ServerCertificate) null);
  }

  /** A btcd presenting {@code certificate} on its RPC port (null: generate its own). */
  TestBtcd btcd(String name, ServerCertificate certificate) throws Exception {
    return btcd(name, certificate, List.of());
  }

  /** A btcd with its own certificate and these extra flags (e.g. {@code --txindex}). */
  TestBtcd btcd(String name, List<String> extraFlags) throws Exception {
    return btcd(name, null, extraFlags);
  }

  private TestBtcd btcd(String name, ServerCertificate certificate, List<String> extraFlags)
      throws Exception {
    Path program = NodeBinaries.btcd();
    Path dir = Files.createTempDirectory("blockyard-rpc-" + name + "-");
    Path cert = dir.resolve("rpc.cert");
    Path key = dir.resolve("rpc.key");
    if (certificate != null) {
      Files.writeString(cert, certificate.certPem(), StandardCharsets.US_ASCII);
      Files.writeString(key, certificate.keyPem(), StandardCharsets.US_ASCII);
    }
    int rpcPort = FreePort.next();
    int p2pPort = FreePort.next();
    String password = UUID.randomUUID().toString();
    List<String> command = new ArrayList<>(List.of(
        program.toString(), "--regtest",
        "--datadir=" + dir.resolve("data"), "--logdir=" + dir.resolve("logs"),
        "--rpcuser=blockyard", "--rpcpass=" + password,
        "--rpclisten=127.0.0.1:" + rpcPort, "--listen=127.0.0.1:" + p2pPort,
        "--rpccert=" + cert, "--rpckey=" + key,
        "--miningaddr=" + BTCD_MINING_ADDRESS,
        "--nodnsseed", "--nobanning", "--debuglevel=warn"));
    command.addAll(extraFlags);
    NodeProcess process = track(name, dir, command);
    awaitRpc(process, () -> {
      String pem = readIfPresent(cert);
      return pem == null ? null
          : new TestBtcd(process, rpcPort, p2pPort, pem, "blockyard", password).endpoint()
              .withTls(TlsTrust.pinnedIgnoringHostname(pem));
    });
    return new TestBtcd(process, rpcPort, p2pPort, readIfPresent(cert), "blockyard", password);
  }

  /** A bcoin in memory, with no wallet and no seed peers. */
  TestBcoin bcoin(String name) throws Exception {
    Path program = NodeBinaries.bcoin();
    Path dir = Files.createTempDirectory("blockyard-rpc-" + name + "-");
    int httpPort = FreePort.next();
    int p2pPort = FreePort.next();
    String apiKey = UUID.randomUUID().toString();
    NodeProcess process = track(name, dir, List.of(
        program.toString(), "--network=regtest", "--prefix=" + dir,
        "--memory=true", "--workers=false", "--no-wallet", "--log-file=false",
        "--log-level=error", "--http-host=127.0.0.1", "--http-port=" + httpPort,
        "--host=127.0.0.1", "--port=" + p2pPort,
        // regtest's seed is 127.0.0.1:48444, where someone else's node may listen.
        "--seeds=127.0.0.1:" + FreePort.next(),
        "--api-key=" + apiKey));
    TestBcoin bcoin = new TestBcoin(process, httpPort, p2pPort, apiKey);
    awaitRpc(process, bcoin::endpoint);
    return bcoin;
  }

  /**
   * An lnd on regtest using {@code btcd} as its chain back end, with no wallet yet (state
   * NON_EXISTING), REST, gRPC and peer ports on 127.0.0.1. Returns once REST answers.
   */
  TestLnd lnd(String name, TestBtcd btcd) throws Exception {
    Path program = NodeBinaries.lnd();
    Path dir = Files.createTempDirectory("blockyard-rpc-" + name + "-");
    Path lnddir = dir.resolve("lnd");
    int restPort = FreePort.next();
    int rpcPort = FreePort.next();
    int p2pPort = FreePort.next();
    List<String> command = List.of(program.toString(),
        "--lnddir=" + lnddir, "--alias=" + name,
        "--bitcoin.active", "--bitcoin.regtest", "--bitcoin.node=btcd",
        "--btcd.rpchost=127.0.0.1:" + btcd.rpcPort(), "--btcd.rpcuser=" + btcd.user(),
        "--btcd.rpcpass=" + btcd.password(),
        "--btcd.rpccert=" + btcd.process().dataDir().resolve("rpc.cert"),
        "--rpclisten=127.0.0.1:" + rpcPort, "--restlisten=127.0.0.1:" + restPort,
        "--listen=127.0.0.1:" + p2pPort,
        "--nobootstrap", "--debuglevel=info",
        // Regtest speed: gossip every 50 ms, channels usable after one confirmation.
        "--trickledelay=50", "--bitcoin.defaultchanconfs=1");
    NodeProcess process = track(name, dir, command);
    TestLnd lnd = new TestLnd(process, command, lnddir, restPort, p2pPort);
    awaitRest(lnd);
    return lnd;
  }

  /** Stops {@code lnd} and starts it again on the same directory and ports; its wallet is then LOCKED. */
  TestLnd restart(TestLnd lnd) throws Exception {
    lnd.process().stopKeepingData();
    NodeProcess process = track(lnd.process().name(), lnd.process().dataDir(), lnd.command());
    TestLnd restarted = new TestLnd(process, lnd.command(), lnd.lnddir(), lnd.restPort(), lnd.p2pPort());
    awaitRest(restarted);
    return restarted;
  }

  /** Polls until lnd's certificate exists and REST answers {@code /v1/state}. */
  private static void awaitRest(TestLnd lnd) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_LIMIT);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!lnd.process().isAlive()) {
        throw new IllegalStateException(lnd.process() + " exited during start-up:\n"
            + lnd.process().logTail());
      }
      try {
        if (Files.exists(lnd.lnddir().resolve("tls.cert"))) {
          lnd.unlocker(Duration.ofSeconds(2)).state();
          return;
        }
      } catch (RpcException | IllegalArgumentException | java.io.UncheckedIOException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(lnd.process() + " did not answer REST within " + START_LIMIT
        + " (last: " + last + "):\n" + lnd.process().logTail());
  }

  private NodeProcess track(String name, Path dir, List<String> command) throws IOException {
    NodeProcess process;
    try {
      process = NodeProcess.start(name, dir, command);
    } catch (IOException | RuntimeException e) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      throw e;
    }
    synchronized (started) {
      started.push(process);
    }
    return process;
  }

  private static String readIfPresent(Path file) {
    try {
      String text = Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII) : "";
      return text.contains("-----END CERTIFICATE-----") ? text : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Polls until the node answers getblockcount; fails with its log if it exits or is slow. */
  private static void awaitRpc(NodeProcess process, Supplier<RpcEndpoint> endpoint)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(START_LIMIT);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process + " exited during start-up:\n"
            + process.logTail());
      }
      try {
        RpcEndpoint target = endpoint.get();
        if (target != null) {
          new JsonRpcClient(target.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)))
              .call("getblockcount");
          return;
        }
      } catch (RpcException | IllegalArgumentException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(process + " did not answer RPC within " + START_LIMIT
        + " (last: " + last + "):\n" + process.logTail());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    List<Exception> failures = new ArrayList<>();
    synchronized (started) {
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception e) {
          failures.add(e);
        }
      }
    }
    if (!failures.isEmpty()) {
      Exception first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }
}
