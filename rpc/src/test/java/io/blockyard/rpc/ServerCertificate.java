package io.blockyard.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS certificate and key in PEM, made with the JDK's keytool, for a node that
 * must present a certificate naming some other host than the one the test connects to.
 */
record ServerCertificate(String certPem, String keyPem) {

  /** A self-signed EC certificate whose only name is {@code dnsName}. */
  static ServerCertificate selfSigned(String dnsName, Path workDir)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = workDir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-noprompt",
        "-alias", "rpc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + dnsName,
        "-ext", "san=dns:" + dnsName, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    Key key = keys.getKey("rpc", "changeit".toCharArray());
    Files.delete(store);
    return new ServerCertificate(pem("CERTIFICATE", keys.getCertificate("rpc").getEncoded()),
        pem("PRIVATE KEY", key.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
