package io.blockyard.rpc;

import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndNode;
import io.blockyard.rpc.lnd.WalletUnlocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * An lnd started for a test on regtest, over a btcd, with REST on 127.0.0.1.
 *
 * @param command how it was started, to start it again on the same data
 */
record TestLnd(NodeProcess process, List<String> command, Path lnddir, int restPort, int p2pPort) {

  /** lnd's self-signed certificate, which names localhost and 127.0.0.1. */
  String tlsCertPem() {
    try {
      return Files.readString(lnddir.resolve("tls.cert"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** REST without a macaroon, trusting only this lnd's certificate. */
  LndEndpoint endpoint() {
    return LndEndpoint.of("127.0.0.1", restPort, tlsCertPem());
  }

  WalletUnlocker unlocker() {
    return new WalletUnlocker(endpoint());
  }

  WalletUnlocker unlocker(Duration limit) {
    return new WalletUnlocker(endpoint().withTimeouts(limit, limit));
  }

  /** The admin macaroon lnd wrote once its wallet exists, as hex. */
  String adminMacaroonHex() {
    try {
      return HexFormat.of().formatHex(
          Files.readAllBytes(lnddir.resolve("data/chain/bitcoin/regtest/admin.macaroon")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Lightning service with the admin macaroon. */
  LndNode node() {
    return new LndNode(endpoint().withMacaroon(adminMacaroonHex()));
  }

  /** This lnd's peer-to-peer address. */
  String p2pAddress() {
    return "127.0.0.1:" + p2pPort;
  }
}
