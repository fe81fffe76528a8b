package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LndConnectionTest {
  static final byte[] ADMIN = {0x02, 0x01, 0x03, (byte) 0xff};
  static final byte[] READONLY = {0x02, 0x01, 0x04};
  static final byte[] INVOICE = {0x02, 0x01, 0x05};
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  static Secret secret(Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName("bob-lnd-connection").endMetadata().withData(data).build();
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static final Secret COMPLETE = secret(Map.of(
      "tls.cert", b64(PEM.getBytes(StandardCharsets.UTF_8)),
      "uri", b64("03ab@bob-lnd-0.bob-lnd.x.svc.cluster.local:9735".getBytes(StandardCharsets.UTF_8)),
      "admin.macaroon", b64(ADMIN), "readonly.macaroon", b64(READONLY), "invoice.macaroon", b64(INVOICE)));

  @Test
  void readsEachMacaroonAsHexFromItsBinaryKey() {
    LndConnection connection = LndConnection.of(COMPLETE);
    assertThat(connection.macaroonHex(LndConnection.Macaroon.ADMIN)).isEqualTo("020103ff");
    assertThat(connection.macaroonHex(LndConnection.Macaroon.READONLY)).isEqualTo("020104");
    assertThat(connection.macaroonHex(LndConnection.Macaroon.INVOICE)).isEqualTo("020105");
    assertThat(connection.tlsCertPem()).isEqualTo(PEM);
    assertThat(connection.uri()).isEqualTo("03ab@bob-lnd-0.bob-lnd.x.svc.cluster.local:9735");
  }

  @Test
  void aMissingKeyIsNamedWithoutShowingOthers() {
    LndConnection connection = LndConnection.of(secret(Map.of("admin.macaroon", b64(ADMIN))));
    assertThatThrownBy(() -> connection.macaroonHex(LndConnection.Macaroon.INVOICE))
        .hasMessage("the connection Secret bob-lnd-connection has no key \"invoice.macaroon\": the operator writes "
            + "it; kubectl describe secret bob-lnd-connection shows what is there");
    assertThat(connection.uri()).isNull();
  }

  @Test
  void neverShowsAMacaroon() {
    assertThat(LndConnection.of(COMPLETE).toString()).isEqualTo("LndConnection[bob-lnd-connection, macaroons hidden]")
        .doesNotContain("020103ff");
  }

  @Test
  void namesTheSecretTheOperatorWrites() {
    assertThat(LndConnection.secretName("bob")).isEqualTo("bob-lnd-connection");
    assertThat(LightningTarget.notReady("x", "bob", "its connection Secret bob-lnd-connection does not exist"))
        .isEqualTo("LightningNode bob in namespace x is not ready yet: its connection Secret bob-lnd-connection "
            + "does not exist; kubectl get lnnode bob -n x shows why");
  }
}
