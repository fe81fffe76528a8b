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
import java.util.Objects;
import java.util.Optional;
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

  /**
   * Whether {@code existing} says all it should: the readonly and invoice macaroons are baked once and kept, the rest
   * is as {@link #desired} makes it.
   */
  public static boolean upToDate(Secret existing, LightningNode node, String tlsCertPem, String uri, String adminHex) {
    Optional<String> readonly = macaroonHex(existing, READONLY_KEY);
    Optional<String> invoice = macaroonHex(existing, INVOICE_KEY);
    return readonly.isPresent() && invoice.isPresent() && Objects.equals(existing.getData(),
        desired(node, tlsCertPem, uri, adminHex, readonly.get(), invoice.get()).getData());
  }

  /** A macaroon of the Secret (null for none) as hex, as lnd hands them out. */
  public static Optional<String> macaroonHex(Secret secret, String key) {
    if (secret == null || secret.getData() == null || secret.getData().get(key) == null) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(secret.getData().get(key))));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
