package io.blockyard.rpc.lnd;

import io.blockyard.rpc.RpcTimeouts;
import io.blockyard.rpc.TlsTrust;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one lnd's REST server.
 *
 * @param uri {@code https://host:port/}
 * @param tls trust for the server's certificate: lnd's {@code tls.cert} (self-signed) as the only anchor
 * @param macaroonHex the macaroon sent with each call, hex; null for the wallet unlocker's calls
 * @param timeouts connect and per-call limits
 */
public record LndEndpoint(URI uri, TlsTrust tls, String macaroonHex, RpcTimeouts timeouts) {

  /** 5 s to connect, 30 s per call: initwallet, openchannel and payments take seconds. */
  public static final RpcTimeouts DEFAULT_TIMEOUTS =
      new RpcTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));

  public LndEndpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(tls, "tls");
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("lnd's REST URL must be https://host:port/, not " + uri);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("lnd's REST URL must not carry credentials");
    }
    if (macaroonHex != null && !macaroonHex.matches("([0-9a-fA-F]{2})+")) {
      throw new IllegalArgumentException("the macaroon must be given as hex"); // never echo it
    }
    timeouts = timeouts == null ? DEFAULT_TIMEOUTS : timeouts;
  }

  /** {@code https://host:port/}, trusting {@code tlsCertPem} (lnd's {@code tls.cert}) for that host name. */
  public static LndEndpoint of(String host, int port, String tlsCertPem) {
    try {
      return new LndEndpoint(new URI("https", null, host, port, "/", null, null),
          TlsTrust.trustingCa(tlsCertPem), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a usable lnd host: " + host, e);
    }
  }

  /** The same endpoint sending {@code macaroonHex} with each call. */
  public LndEndpoint withMacaroon(String macaroonHex) {
    return new LndEndpoint(uri, tls, Objects.requireNonNull(macaroonHex, "macaroonHex"), timeouts);
  }

  /** The same endpoint trusting {@code tls}, e.g. {@link TlsTrust#pinnedIgnoringHostname(String)}. */
  public LndEndpoint withTls(TlsTrust tls) {
    return new LndEndpoint(uri, tls, macaroonHex, timeouts);
  }

  /** The same endpoint with other connect and per-call limits. */
  public LndEndpoint withTimeouts(Duration connect, Duration request) {
    return new LndEndpoint(uri, tls, macaroonHex, new RpcTimeouts(connect, request));
  }

  /** The URL as shown in messages; it never holds the macaroon. */
  public String display() {
    return uri.toString();
  }

  @Override
  public String toString() {
    return "LndEndpoint[" + uri + ", tls=" + tls + ", macaroon=" + (macaroonHex == null ? "-" : "(set)")
        + ", timeouts=" + timeouts + "]";
  }
}
