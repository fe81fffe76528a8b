package io.blockyard.rpc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates an HTTPS RPC connection accepts: only those issued by the CA
 * certificate(s) in {@code caPem} (the system trust store is not used).
 *
 * <p>btcd's self-generated {@code rpc.cert} is its own CA, so passing its text here trusts
 * exactly that node. With {@code verifyHostname} false the certificate is treated as pinned:
 * the chain must still lead to the CA, but the URL's host need not appear in the
 * certificate's names (for nodes reached through an address the certificate does not list).
 *
 * @param caPem one or more PEM {@code CERTIFICATE} blocks
 * @param verifyHostname whether the URL's host must match the certificate's names
 */
public record TlsTrust(String caPem, boolean verifyHostname) {

  public TlsTrust {
    Objects.requireNonNull(caPem, "caPem");
    parse(caPem); // fail at configuration time, not on the first call
  }

  /** Trusts certificates issued by these CAs, for the URL's host name only. */
  public static TlsTrust trustingCa(String caPem) {
    return new TlsTrust(caPem, true);
  }

  /** Trusts certificates issued by these CAs for any host name (a pinned certificate). */
  public static TlsTrust pinnedIgnoringHostname(String caPem) {
    return new TlsTrust(caPem, false);
  }

  /** Builds the TLS context that enforces this trust. */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context for the RPC CA: " + e, e);
    }
  }

  /** The trust manager that enforces this trust (it must be extended: see {@link HostnameIgnoringTrustManager}). */
  X509ExtendedTrustManager trustManager() {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      List<Certificate> certificates = parse(caPem);
      for (int i = 0; i < certificates.size(); i++) {
        anchors.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      X509ExtendedTrustManager pkix = null;
      for (TrustManager candidate : factory.getTrustManagers()) {
        if (candidate instanceof X509ExtendedTrustManager extended) {
          pkix = extended;
        }
      }
      if (pkix == null) {
        throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager for PKIX");
      }
      return verifyHostname ? pkix : new HostnameIgnoringTrustManager(pkix);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a TLS context for the RPC CA: " + e, e);
    }
  }

  private static List<Certificate> parse(String pem) {
    try {
      List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("the RPC CA PEM text holds no certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the RPC CA PEM text is not a valid certificate: "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TlsTrust[certificates=" + parse(caPem).size() + ", verifyHostname=" + verifyHostname
        + "]";
  }
}
