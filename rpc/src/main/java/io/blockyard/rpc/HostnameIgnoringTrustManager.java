package io.blockyard.rpc;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks the certificate chain against the pinned CA but not the host name.
 *
 * <p>It must extend {@link X509ExtendedTrustManager}: the JDK wraps a plain X509TrustManager
 * and then checks the host name itself. The delegate's two-argument methods validate the
 * chain without an identity check.
 */
final class HostnameIgnoringTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager chainValidator;

  HostnameIgnoringTrustManager(X509ExtendedTrustManager chainValidator) {
    this.chainValidator = chainValidator;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    chainValidator.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    chainValidator.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    chainValidator.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    chainValidator.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    chainValidator.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    chainValidator.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chainValidator.getAcceptedIssuers();
  }
}
