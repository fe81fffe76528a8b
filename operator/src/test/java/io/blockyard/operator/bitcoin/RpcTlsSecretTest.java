package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.SecretTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcTlsSecretTest {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  /** What the Secret holds, parsed with the JDK alone. */
  record Issued(Secret secret, X509Certificate server, X509Certificate ca, PrivateKey key) {
    String pem(String key) {
      return SecretTexts.of(secret).get(key);
    }
  }

  static Issued issue(BitcoinNetwork network) {
    Secret secret = RpcTlsSecret.desired(network, new SecureRandom());
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      Map<String, String> data = SecretTexts.of(secret);
      X509Certificate server = (X509Certificate) x509.generateCertificate(bytes(data.get("tls.crt")));
      X509Certificate ca = (X509Certificate) x509.generateCertificate(bytes(data.get("ca.crt")));
      String keyPem = data.get("tls.key");
      assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
      byte[] der = Base64.getMimeDecoder().decode(keyPem.replace("-----BEGIN PRIVATE KEY-----", "")
          .replace("-----END PRIVATE KEY-----", ""));
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new Issued(secret, server, ca, key);
    } catch (Exception e) {
      throw new AssertionError("the TLS Secret does not parse: " + e, e);
    }
  }

  private static ByteArrayInputStream bytes(String pem) {
    assertThat(pem).isNotNull();
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }

  static List<String> dnsNames(X509Certificate cert) {
    return sans(cert, SAN_DNS);
  }

  static List<String> sans(X509Certificate cert, int type) {
    try {
      List<String> names = new ArrayList<>();
      for (List<?> san : cert.getSubjectAlternativeNames()) {
        if (((Integer) san.get(0)) == type) {
          names.add((String) san.get(1));
        }
      }
      return names;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void secretHasCertManagersLayout() {
    Issued issued = issue(TestNetworks.btcd());

    assertThat(issued.secret().getMetadata().getName()).isEqualTo("net-rpc-tls");
    assertThat(issued.secret().getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(issued.secret().getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "blockyard");
    assertThat(issued.secret().getType()).isEqualTo("kubernetes.io/tls");
    assertThat(SecretTexts.of(issued.secret())).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
  }

  @Test
  void serverCertificateIsSignedByTheCa() throws Exception {
    Issued issued = issue(TestNetworks.btcd());

    issued.server().verify(issued.ca().getPublicKey());
    issued.ca().verify(issued.ca().getPublicKey());
    assertThat(issued.server().getIssuerX500Principal()).isEqualTo(issued.ca().getSubjectX500Principal());
    assertThat(issued.ca().getBasicConstraints()).as("CA").isNotNegative();
    assertThat(issued.ca().getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(issued.server().getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(issued.server().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void serverCertificateIsNotSignedByAnotherNetworksCa() {
    Issued issued = issue(TestNetworks.btcd());
    Issued other = issue(TestNetworks.btcd());

    assertThatThrownBy(() -> issued.server().verify(other.ca().getPublicKey()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void serverCertificateNamesTheServicesThePodsAndLoopback() {
    BitcoinNetwork network = TestNetworks.btcd();
    X509Certificate server = issue(network).server();

    assertThat(dnsNames(server)).containsExactlyInAnyOrder("localhost", "net", "net.team-a.svc",
        "*.net-nodes.team-a.svc", "*.net-nodes.team-a.svc.cluster.local");
    assertThat(sans(server, SAN_IP)).containsExactly("127.0.0.1");
    assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=net.team-a.svc");
    // Each pod's DNS name is covered by a wildcard: exactly one label in place of the "*".
    String pod = NetworkNames.of(network).podDnsName(1);
    assertThat(dnsNames(server)).anySatisfy(name -> assertThat(name).startsWith("*.")
        .satisfies(n -> assertThat(pod).isEqualTo("net-1" + n.substring(1))));
  }

  @Test
  void certificatesAreValidNowAndForYears() throws Exception {
    Issued issued = issue(TestNetworks.btcd());

    for (X509Certificate cert : List.of(issued.server(), issued.ca())) {
      cert.checkValidity();
      cert.checkValidity(Date.from(Instant.now().plus(Duration.ofDays(5 * 365))));
    }
  }

  @Test
  void privateKeyIsPkcs8AndMatchesTheCertificate() throws Exception {
    Issued issued = issue(TestNetworks.btcd());
    byte[] message = "blockyard".getBytes(StandardCharsets.UTF_8);

    assertThat(issued.key()).isInstanceOf(ECPrivateKey.class);
    assertThat(((ECPrivateKey) issued.key()).getParams().getCurve())
        .isEqualTo(((ECPublicKey) issued.server().getPublicKey()).getParams().getCurve());
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(issued.key());
    signer.update(message);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(issued.server().getPublicKey());
    verifier.update(message);
    assertThat(verifier.verify(signature)).as("signature by tls.key verifies with tls.crt").isTrue();
    verifier.initVerify(issued.ca().getPublicKey());
    verifier.update(message);
    assertThat(verifier.verify(signature)).as("the CA has a key of its own").isFalse();
  }

  @Test
  void everyCallIssuesNewKeys() {
    Issued first = issue(TestNetworks.btcd());
    Issued second = issue(TestNetworks.btcd());

    assertThat(first.pem("tls.key")).isNotEqualTo(second.pem("tls.key"));
    assertThat(first.server().getSerialNumber()).isNotEqualTo(second.server().getSerialNumber());
  }

  @Test
  void opensslReadsThePemFiles(@TempDir Path dir) throws Exception {
    assumeTrue(openssl("version").exitCode() == 0, "openssl is not installed");
    Issued issued = issue(TestNetworks.btcd());
    for (String key : List.of("tls.crt", "tls.key", "ca.crt")) {
      Files.writeString(dir.resolve(key), issued.pem(key), StandardCharsets.US_ASCII);
    }
    String crt = dir.resolve("tls.crt").toString();
    String key = dir.resolve("tls.key").toString();
    String ca = dir.resolve("ca.crt").toString();

    Run text = openssl("x509", "-noout", "-text", "-in", crt);
    assertThat(text.exitCode()).as(text.output()).isZero();
    assertThat(text.output()).contains("DNS:localhost", "IP Address:127.0.0.1", "DNS:*.net-nodes.team-a.svc",
        "DNS:net.team-a.svc", "TLS Web Server Authentication");
    Run caText = openssl("x509", "-noout", "-text", "-in", ca);
    assertThat(caText.exitCode()).as(caText.output()).isZero();
    assertThat(caText.output()).contains("CA:TRUE");
    Run pkey = openssl("pkey", "-noout", "-in", key);
    assertThat(pkey.exitCode()).as(pkey.output()).isZero();

    Run verify = openssl("verify", "-CAfile", ca, crt);
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains(": OK");

    Run keyPublic = openssl("pkey", "-in", key, "-pubout");
    Run certPublic = openssl("x509", "-noout", "-pubkey", "-in", crt);
    assertThat(keyPublic.exitCode()).isZero();
    assertThat(keyPublic.output()).contains("BEGIN PUBLIC KEY").isEqualTo(certPublic.output());
  }

  record Run(int exitCode, String output) {}

  static Run openssl(String... args) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Run(-1, "timed out: " + output);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      return new Run(-1, e.toString());
    }
  }

  @Test
  void generatedOnlyForBtcdWithoutAUserTlsSecret() {
    assertThat(RpcTlsSecret.generates(TestNetworks.btcd())).isTrue();
    assertThat(RpcTlsSecret.generates(TestNetworks.withCredentialsSecret(TestNetworks.btcd(), "my-rpc"))).isTrue();
    assertThat(RpcTlsSecret.generates(TestNetworks.withTlsSecret(TestNetworks.btcd(), "my-cert"))).isFalse();
    assertThat(RpcTlsSecret.generates(TestNetworks.bitcoind())).isFalse();
  }

  @Test
  void nameForIsTheSecretTheNodesMount() {
    assertThat(RpcTlsSecret.nameFor(TestNetworks.btcd())).isEqualTo("net-rpc-tls");
    assertThat(RpcTlsSecret.nameFor(TestNetworks.withTlsSecret(TestNetworks.btcd(), "my-cert"))).isEqualTo("my-cert");
    assertThat(RpcTlsSecret.nameFor(TestNetworks.bitcoind())).isNull();
  }
}
