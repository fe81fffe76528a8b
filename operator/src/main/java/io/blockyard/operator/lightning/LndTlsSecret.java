package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.operator.SecretValues;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * lnd's TLS certificate, self-signed like the one lnd makes itself, but issued by the operator so that it knows what
 * to trust before lnd first starts and can hand the same file to applications. Made once, never renewed.
 */
public final class LndTlsSecret {
  public static final String CERT_KEY = "tls.crt";
  public static final String KEY_KEY = "tls.key";
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private LndTlsSecret() {}

  public static Secret desired(LightningNode node, SecureRandom random) {
    LightningNames names = LightningNames.of(node);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair key = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("O=blockyard lnd,CN=" + names.serviceDnsName());
      GeneralName[] sans = {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.dNSName, names.service()),
          new GeneralName(GeneralName.dNSName, names.service() + "." + names.namespace()),
          new GeneralName(GeneralName.dNSName, names.serviceDnsName()),
          new GeneralName(GeneralName.dNSName, names.serviceDnsName() + ".cluster.local"),
          new GeneralName(GeneralName.dNSName, names.podDnsName())};
      var cert = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random), Date.from(now.minusSeconds(300)),
          Date.from(now.plus(VALIDITY)), name, key.getPublic())
          // lnd's own certificate is its own CA too; clients such as lncli pin it as their only root.
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
      return new SecretBuilder().withNewMetadata().withName(names.tlsSecret()).withNamespace(names.namespace())
          .withLabels(names.labels()).endMetadata().withType("kubernetes.io/tls")
          .withData(SecretValues.data(Map.of(CERT_KEY, Pem.of(cert), KEY_KEY, Pem.pkcs8(key.getPrivate()))))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue the TLS certificate of LightningNode " + names.node() + ": "
          + e.getMessage(), e);
    }
  }
}
