package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.SecretValues;
import io.blockyard.api.bitcoin.BitcoinNetwork;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The RPC server certificate for a btcd network whose user names no TLS Secret: a CA of the network's own and a
 * server certificate it signed, in cert-manager's layout (tls.crt, tls.key, ca.crt). The operator trusts only that
 * CA, and applications get it in the connection Secret. Made once, never renewed by the operator.
 */
public final class RpcTlsSecret {
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private RpcTlsSecret() {}

  /** The TLS Secret the nodes use: the user's, the generated one (btcd), or none (Bitcoin Core serves HTTP). */
  public static String nameFor(BitcoinNetwork network) {
    if (!NodeProgram.of(network.getSpec().getImplementation()).rpcTls()) {
      return null;
    }
    if (network.getSpec().getRpc() != null && network.getSpec().getRpc().getTlsSecret() != null) {
      return network.getSpec().getRpc().getTlsSecret();
    }
    return generates(network) ? generatedName(network) : null;
  }

  public static boolean generates(BitcoinNetwork network) {
    boolean userTls = network.getSpec().getRpc() != null && network.getSpec().getRpc().getTlsSecret() != null;
    return !userTls && NodeProgram.of(network.getSpec().getImplementation()).rpcTls();
  }

  public static String generatedName(BitcoinNetwork network) {
    return network.getMetadata().getName() + "-rpc-tls";
  }

  public static Secret desired(BitcoinNetwork network, SecureRandom random) {
    NetworkNames names = NetworkNames.of(network);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair caKey = generator.generateKeyPair();
      KeyPair serverKey = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name caName = new X500Name("CN=" + names.network() + "." + names.namespace() + " blockyard RPC CA");
      X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random),
          Date.from(now.minusSeconds(300)), Date.from(now.plus(VALIDITY)), caName, caKey.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
      List<GeneralName> sans = new ArrayList<>(List.of(
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.dNSName, names.clientService()),
          new GeneralName(GeneralName.dNSName, names.clientService() + "." + names.namespace() + ".svc"),
          new GeneralName(GeneralName.dNSName, "*." + names.headlessService() + "." + names.namespace() + ".svc"),
          new GeneralName(GeneralName.dNSName,
              "*." + names.headlessService() + "." + names.namespace() + ".svc.cluster.local")));
      X509CertificateHolder server = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random),
          Date.from(now.minusSeconds(300)), Date.from(now.plus(VALIDITY)),
          new X500Name("CN=" + names.clientService() + "." + names.namespace() + ".svc"), serverKey.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(sans.toArray(GeneralName[]::new)))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
      return new SecretBuilder().withNewMetadata().withName(generatedName(network)).withNamespace(names.namespace())
          .withLabels(names.labels(NodeProgram.of(network.getSpec().getImplementation()).name())).endMetadata()
          .withType("kubernetes.io/tls")
          .withData(SecretValues.data(Map.of("tls.crt", Pem.of(server), "tls.key", Pem.pkcs8(serverKey.getPrivate()),
              "ca.crt", Pem.of(ca))))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue the RPC certificate for " + names.network() + ": "
          + e.getMessage(), e);
    }
  }
}
