package io.blockyard.operator.lightning;

import io.blockyard.rpc.TlsTrust;
import io.blockyard.rpc.lnd.LndEndpoint;
import io.blockyard.rpc.lnd.LndNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** lnd as an application reaches it: through the node's connection Secret, at the pod's IP. */
public final class ApplicationLnd {
  private ApplicationLnd() {}

  public static LndNode of(KubernetesClient client, String namespace, String node) {
    Secret connection = client.secrets().inNamespace(namespace).withName(node + "-lnd-connection").get();
    String cert = new String(Base64.getDecoder().decode(connection.getData().get("tls.cert")), StandardCharsets.UTF_8);
    String macaroon = HexFormat.of().formatHex(Base64.getDecoder().decode(connection.getData().get("admin.macaroon")));
    String ip = client.pods().inNamespace(namespace).withName(node + "-lnd-0").get().getStatus().getPodIP();
    return new LndNode(LndEndpoint.of(ip, LndProgram.REST_PORT, cert).withTls(TlsTrust.pinnedIgnoringHostname(cert))
        .withMacaroon(macaroon));
  }
}
