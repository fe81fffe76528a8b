package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.StorageSpec;
import io.blockyard.operator.DataClaim;
import io.blockyard.operator.RestrictedPod;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The nodes: one StatefulSet, non-root pods, a readiness probe that means "the RPC server answers". */
public final class NodeStatefulSet {
  public static final String CONTAINER = "node";
  public static final String CONFIG_HASH_ANNOTATION = "blockyard.io/config-hash";
  static final long NODE_USER = 1000;
  /** Readable by the node's group (the pod's fsGroup) only: the files hold the RPC password or its hash. */
  static final int CREDENTIAL_FILE_MODE = 0440;

  private NodeStatefulSet() {}

  public static StatefulSet desired(BitcoinNetwork network) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    var chain = network.getSpec().getChain();
    String image = network.getSpec().getImage() != null ? network.getSpec().getImage() : program.defaultImage();
    String tlsSecret = RpcTlsSecret.nameFor(network);
    StorageSpec storage = network.getSpec().getStorage();

    List<VolumeMount> mounts = new ArrayList<>(List.of(
        new VolumeMountBuilder().withName("data").withMountPath(NodeProgram.DATA_DIR).build(),
        readOnly("config", NodeProgram.CONFIG_DIR),
        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build()));
    List<Volume> volumes = new ArrayList<>(List.of(new VolumeBuilder().withName("config").withNewConfigMap()
        .withName(names.configMap()).endConfigMap().build(), RestrictedPod.memoryVolume("tmp")));
    if (storage == null) {
      volumes.add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
    }
    if (tlsSecret != null) {
      mounts.add(readOnly("tls", NodeProgram.TLS_DIR));
      volumes.add(new VolumeBuilder().withName("tls").withNewSecret().withSecretName(tlsSecret).endSecret().build());
    }
    // Mounted, not copied in by an init container: one container start fewer per pod, which a fleet's start waits on.
    mounts.add(readOnly("rpcauth", program.credentialFilesDir()));
    volumes.add(new VolumeBuilder().withName("rpcauth").withNewSecret().withSecretName(names.rpcAuthSecret())
        .withDefaultMode(CREDENTIAL_FILE_MODE).endSecret().build());

    var container = new ContainerBuilder().withName(CONTAINER).withImage(image)
        .withCommand(program.command())
        .withArgs(program.args(network))
        .addNewPort().withName(NodeProgram.RPC_PORT_NAME).withContainerPort(program.rpcPort(chain)).withProtocol("TCP")
        .endPort()
        .addNewPort().withName(NodeProgram.P2P_PORT_NAME).withContainerPort(program.p2pPort(chain)).withProtocol("TCP").endPort()
        .withStartupProbe(program.startupProbe(network))
        .withReadinessProbe(program.readinessProbe(network))
        .withResources(network.getSpec().getResources())
        .withVolumeMounts(mounts)
        .withSecurityContext(RestrictedPod.container())
        .build();

    return new StatefulSetBuilder().withNewMetadata().withName(names.statefulSet()).withNamespace(names.namespace())
        .withLabels(names.labels(program.name())).endMetadata()
        .withNewSpec()
        .withReplicas(network.getSpec().getReplicas())
        .withServiceName(names.headlessService())
        // Nodes do not depend on each other to start; the operator meshes them once they are ready.
        .withPodManagementPolicy("Parallel")
        .withNewSelector().withMatchLabels(names.selector()).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(names.labels(program.name()))
        .withAnnotations(Map.of(CONFIG_HASH_ANNOTATION, configHash(network),
            RestrictedPod.DEFAULT_CONTAINER_ANNOTATION, CONTAINER)).endMetadata()
        .withNewSpec()
        .withSecurityContext(RestrictedPod.pod(NODE_USER))
        // A node never calls the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(30L)
        .withEnableServiceLinks(false)
        .withContainers(container)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(DataClaim.templates(storage))
        .endSpec().build();
  }

  private static VolumeMount readOnly(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
  }

  /** Changes when the configuration file changes, so that the pods roll to pick it up. */
  static String configHash(BitcoinNetwork network) {
    String config = NodeConfigMap.content(network);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
