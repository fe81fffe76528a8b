package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.api.lightning.LightningNode;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an application needs to use a Lightning node: REST and gRPC addresses, lnd's certificate, and the admin,
 * readonly and invoice macaroons (as binary files, like lnd's own, when the Secret is mounted). Owned by the node.
 * Pure.
 */
public final class LndConnectionSecret {
  public static final String REST_URL_KEY = LightningNames.REST_URL_KEY;
  public static final String GRPC_HOST_KEY = LightningNames.GRPC_HOST_KEY;
  public static final String TLS_CERT_KEY = LightningNames.TLS_CERT_KEY;
  public static final String ADMIN_KEY = LightningNames.ADMIN_MACAROON_KEY;
  public static final String READONLY_KEY = LightningNames.READONLY_MACAROON_KEY;
  public static final String INVOICE_KEY = LightningNames.INVOICE_MACAROON_KEY;
  public static final String URI_KEY = LightningNames.URI_KEY;

  private LndConnectionSecret() {}

  /** Macaroons are given as hex, as lnd's REST API hands them out. */
  public static Secret desired(LightningNode node, String tlsCertPem, String uri, String adminHex,
      String readonlyHex, String invoiceHex) {
    LightningNames names = LightningNames.of(node);
    Map<String, String> data = new TreeMap<>();
    data.put(REST_URL_KEY, base64("https://" + names.serviceDnsName() + ":" + LndProgram.REST_PORT));
    data.put(GRPC_HOST_KEY, base64(names.serviceDnsName() + ":" + LndProgram.GRPC_PORT));
    data.put(TLS_CERT_KEY, base64(tlsCertPem));
    data.put(URI_KEY, base64(uri));
    data.put(ADMIN_KEY, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(adminHex)));
    data.put(READONLY_KEY, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(readonlyHex)));
    data.put(INVOICE_KEY, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(invoiceHex)));
    return new SecretBuilder().withNewMetadata().withName(names.connectionSecret()).withNamespace(names.namespace())
        .withLabels(names.labels())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(node.getApiVersion()).withKind(node.getKind())
            .withName(node.getMetadata().getName()).withUid(node.getMetadata().getUid()).withController(true)
            .withBlockOwnerDeletion(true).build())
        .endMetadata().withType("Opaque").withData(data).build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
