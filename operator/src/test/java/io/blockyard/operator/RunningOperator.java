package io.blockyard.operator;

import io.blockyard.testbed.Testbed;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The operator as it runs in a cluster: CRDs and RBAC from deploy/, and a client that holds only the operator's
 * ServiceAccount token, so that a missing permission fails the tests.
 */
public final class RunningOperator implements AutoCloseable {
  static final java.util.List<String> CRDS = java.util.List.of("bitcoinnetworks.blockyard.io",
      "lightningnodes.blockyard.io", "lightningchannels.blockyard.io", "lightningactivities.blockyard.io");
  private final KubernetesClient client;
  private final BlockyardOperator operator;

  private RunningOperator(KubernetesClient client, BlockyardOperator operator) {
    this.client = client;
    this.operator = operator;
  }

  public static RunningOperator start(Testbed testbed) throws Exception {
    KubernetesClient admin = testbed.client();
    for (String crd : CRDS) {
      apply(admin, Path.of("../deploy/crds/" + crd + "-v1.yml"));
    }
    apply(admin, Path.of("../deploy/rbac/operator.yaml"));
    apply(admin, Path.of("../deploy/admission/lightningchannel-fund.yaml"));
    apply(admin, Path.of("../deploy/admission/bitcoinnetwork-regtest-storage.yaml"));
    for (String crd : CRDS) {
      admin.apiextensions().v1().customResourceDefinitions().withName(crd)
          .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")), 60,
              TimeUnit.SECONDS);
    }
    String token = admin.serviceAccounts().inNamespace("blockyard-system").withName("blockyard-operator")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(24 * 3600L).endSpec().build())
        .getStatus().getToken();
    Path kubeconfig = testbed.controlPlane().writeTokenKubeconfig("blockyard-operator", token, "blockyard-system");
    KubernetesClient client = Testbed.clientFor(kubeconfig);
    // Run on the host, the operator reaches pods from the host's end of the node link.
    OperatorOrigin origin = new OperatorOrigin("blockyard-system", java.util.List.of(operatorSource(testbed)));
    return new RunningOperator(client, new BlockyardOperator(client, origin).start());
  }

  /** The address the host-run operator's connections to pods come from. */
  public static String operatorSource(Testbed testbed) {
    return testbed.addresses().hostIp() + "/32";
  }

  static void apply(KubernetesClient admin, Path manifest) throws Exception {
    try (InputStream in = Files.newInputStream(manifest)) {
      for (HasMetadata item : admin.load(in).items()) {
        admin.resource(item).forceConflicts().serverSideApply();
      }
    }
  }

  /** Requests the operator sent to the nodes so far, by node {@code host:port}. */
  public java.util.Map<String, Long> nodeRequests() {
    return operator.nodeRequestsByServer();
  }

  @Override
  public void close() {
    operator.close();
    client.close();
  }
}
