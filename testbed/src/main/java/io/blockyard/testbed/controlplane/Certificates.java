package io.blockyard.testbed.controlplane;

import io.blockyard.testbed.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The control plane's PKI, made with openssl (RSA keys: the fabric8 client cannot read EC client keys without BouncyCastle): a CA, the API server's serving cert, an admin client cert, SA keys. */
public final class Certificates {
  private final Path dir;

  private Certificates(Path dir) {
    this.dir = dir;
  }

  /** Generates everything once; later starts reuse the files so that kubeconfigs stay valid. */
  public static Certificates ensure(Path dir, List<String> apiServerSans) {
    Certificates certs = new Certificates(dir);
    if (!Files.exists(dir.resolve("admin.crt"))) {
      certs.generate(apiServerSans);
    }
    return certs;
  }

  private void generate(List<String> sans) {
    try {
      Files.createDirectories(dir);
      String ca = p("ca.crt");
      String caKey = p("ca.key");
      Shell.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
          "-keyout", caKey, "-out", ca, "-days", "3650", "-subj", "/CN=blockyard-testbed-ca");
      issue("apiserver", "/CN=kube-apiserver", "serverAuth", "subjectAltName=" + String.join(",", sans));
      issue("admin", "/O=system:masters/CN=blockyard-admin", "clientAuth", null);
      Shell.run("openssl", "genrsa", "-out", p("sa.key"), "2048");
      Shell.run("openssl", "rsa", "-in", p("sa.key"), "-pubout", "-out", p("sa.pub"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client certificate signed by the test bed's CA (kubelet, kube-proxy, the API server towards kubelets). */
  public Path issueClient(String name, String subject) {
    return issueOnce(name, subject, "clientAuth", null);
  }

  /** A serving certificate signed by the test bed's CA, for the given subject alternative names. */
  public Path issueServer(String name, String subject, List<String> sans) {
    return issueOnce(name, subject, "serverAuth", "subjectAltName=" + String.join(",", sans));
  }

  private Path issueOnce(String name, String subject, String usage, String extra) {
    if (!Files.exists(file(name + ".crt"))) {
      try {
        issue(name, subject, usage, extra);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file(name + ".crt");
  }

  private void issue(String name, String subject, String usage, String extra) throws IOException {
    Path ext = dir.resolve(name + ".ext");
    StringBuilder sb = new StringBuilder("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n")
        .append("extendedKeyUsage=").append(usage).append('\n');
    if (extra != null) {
      sb.append(extra).append('\n');
    }
    Files.writeString(ext, sb.toString());
    Shell.run("openssl", "req", "-newkey", "rsa:2048", "-nodes",
        "-keyout", p(name + ".key"), "-out", p(name + ".csr"), "-subj", subject);
    Shell.run("openssl", "x509", "-req", "-in", p(name + ".csr"), "-CA", p("ca.crt"), "-CAkey", p("ca.key"),
        "-CAcreateserial", "-out", p(name + ".crt"), "-days", "825", "-extfile", ext.toString());
  }

  private String p(String file) {
    return dir.resolve(file).toString();
  }

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  public Path file(String name) {
    return dir.resolve(name);
  }
}
