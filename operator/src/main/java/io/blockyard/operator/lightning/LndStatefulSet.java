package io.blockyard.operator.lightning;

import io.blockyard.api.lightning.LightningNames;
import io.blockyard.operator.DefaultImages;
import io.blockyard.api.bitcoin.StorageSpec;
import io.blockyard.api.lightning.LightningNode;
import io.blockyard.operator.DataClaim;
import io.blockyard.operator.RestrictedPod;
import io.blockyard.operator.SecretConfigFile;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;

/** One lnd pod: non-root, its TLS key and wallet password mounted, ready when its REST server answers. Pure. */
public final class LndStatefulSet {
  public static final String CONTAINER = "lnd";
  static final long LND_USER = 1000;

  private LndStatefulSet() {}

  public static StatefulSet desired(LightningNode node, ChainBackend backend) {
    LightningNames names = LightningNames.of(node);
    String image = node.getSpec().getImage() != null ? node.getSpec().getImage() : DefaultImages.current().lnd();
    StorageSpec storage = node.getSpec().getStorage();

    List<VolumeMount> mounts = new ArrayList<>(List.of(
        mount("data", LndProgram.DATA_DIR),
        mount("tls", LndProgram.TLS_DIR),
        mount("wallet", LndProgram.WALLET_DIR),
        mount("run", LndProgram.RUN_DIR),
        writable("tmp", "/tmp")));
    List<Volume> volumes = new ArrayList<>(List.of(RestrictedPod.memoryVolume("run"), RestrictedPod.memoryVolume("tmp"),
        new VolumeBuilder().withName("tls").withNewSecret().withSecretName(names.tlsSecret()).endSecret().build(),
        // Only the password: the seed stays out of the pod.
        new VolumeBuilder().withName("wallet").withNewSecret().withSecretName(WalletSecrets.walletSecretName(node))
            .addNewItem().withKey(WalletSecrets.PASSWORD_KEY).withPath(WalletSecrets.PASSWORD_KEY).endItem()
            .endSecret().build()));
    if (storage == null) {
      volumes.add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
    }
    if (backend.tlsSecret() != null) {
      mounts.add(mount("backend-tls", LndProgram.BACKEND_TLS_DIR));
      volumes.add(new VolumeBuilder().withName("backend-tls").withNewSecret().withSecretName(backend.tlsSecret())
          .addNewItem().withKey(backend.tlsKey()).withPath(LndProgram.BACKEND_CERT_FILE).endItem().endSecret()
          .build());
    }

    var container = new ContainerBuilder().withName(CONTAINER).withImage(image)
        .withArgs(LndProgram.args(node, backend))
        .withEnv(new EnvVarBuilder().withName("HOME").withValue(LndProgram.DATA_DIR).build())
        .addNewPort().withName("p2p").withContainerPort(LndProgram.P2P_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("rest").withContainerPort(LndProgram.REST_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("grpc").withContainerPort(LndProgram.GRPC_PORT).withProtocol("TCP").endPort()
        // /v1/state needs no macaroon and answers before the wallet exists: ready means "the operator can talk".
        .withNewReadinessProbe().withNewHttpGet().withScheme("HTTPS").withPath("/v1/state")
        .withPort(new IntOrString(LndProgram.REST_PORT)).endHttpGet()
        .withPeriodSeconds(2).withTimeoutSeconds(5).withFailureThreshold(3).endReadinessProbe()
        .withResources(node.getSpec().getResources())
        .withVolumeMounts(mounts)
        .withSecurityContext(RestrictedPod.container())
        .build();
    var config = SecretConfigFile.initContainer(image, List.of(LndProgram.backendConfig(backend)), backend.env(),
        List.of(writable("run", LndProgram.RUN_DIR)));


    return new StatefulSetBuilder().withNewMetadata().withName(names.statefulSet()).withNamespace(names.namespace())
        .withLabels(names.labels()).endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(names.service())
        .withNewSelector().withMatchLabels(names.selector()).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(names.labels())
        .withAnnotations(java.util.Map.of(RestrictedPod.DEFAULT_CONTAINER_ANNOTATION, CONTAINER)).endMetadata()
        .withNewSpec()
        .withSecurityContext(RestrictedPod.pod(LND_USER))
        // lnd never calls the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withInitContainers(config)
        // lnd closes its databases cleanly on SIGTERM; give it time.
        .withTerminationGracePeriodSeconds(60L)
        .withEnableServiceLinks(false)
        .withContainers(container)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(DataClaim.templates(storage))
        .endSpec().build();
  }

  /**
   * Read-only except the data volume, which leaves readOnly unset: the API server drops a false, so a desired false
   * never matches what server-side apply reads back, and the StatefulSet would be applied again on every pass.
   */
  private static VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly("data".equals(name) ? null : true)
        .build();
  }

  private static VolumeMount writable(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }
}
