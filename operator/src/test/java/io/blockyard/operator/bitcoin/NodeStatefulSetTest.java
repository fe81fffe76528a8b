package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.SecretTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.MiningSpec;
import io.blockyard.api.bitcoin.StorageSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NodeStatefulSetTest {
  static Container container(StatefulSet set) {
    List<Container> containers = set.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  static Optional<Volume> volume(StatefulSet set, String name) {
    return set.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals(name))
        .findFirst();
  }

  static Optional<VolumeMount> mountAt(StatefulSet set, String path) {
    return container(set).getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst();
  }

  static EnvVar env(StatefulSet set, String name) {
    return container(set).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void oneStatefulSetWithTheAskedReplicasBehindTheHeadlessService() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.btcd());

    assertThat(set.getMetadata().getName()).isEqualTo("net");
    assertThat(set.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(set.getSpec().getReplicas()).isEqualTo(3);
    assertThat(set.getSpec().getServiceName()).isEqualTo("net-nodes");
    assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
  }

  @Test
  void selectorMatchesThePodTemplatesLabels() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.btcd());

    assertThat(set.getSpec().getSelector().getMatchLabels())
        .isEqualTo(NetworkNames.of(TestNetworks.btcd()).selector());
    assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "btcd");
  }

  @Test
  void replicasFollowTheSpec() {
    BitcoinNetwork network = TestNetworks.btcd();
    network.getSpec().setReplicas(5);

    assertThat(NodeStatefulSet.desired(network).getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void podsRunAsNonRootUser1000() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.btcd());

    var pod = set.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getRunAsGroup()).isEqualTo(1000L);
    assertThat(pod.getFsGroup()).isEqualTo(1000L);
    var node = container(set).getSecurityContext();
    assertThat(node.getRunAsNonRoot()).isTrue();
    assertThat(node.getAllowPrivilegeEscalation()).isFalse();
  }

  @Test
  void btcdMountsItsCredentialFilesFromTheOperatorsSecretWithNoInitContainer() {
    for (BitcoinNetwork network : List.of(TestNetworks.btcd(),
        TestNetworks.withCredentialsSecret(TestNetworks.btcd(), "my-rpc"))) {
      StatefulSet set = NodeStatefulSet.desired(network);

      assertThat(set.getSpec().getTemplate().getSpec().getInitContainers())
          .as("a container start fewer per pod").isEmpty();
      VolumeMount run = mountAt(set, "/run/blockyard").orElseThrow();
      assertThat(run.getReadOnly()).isTrue();
      var secret = volume(set, run.getName()).orElseThrow().getSecret();
      assertThat(secret.getSecretName()).as("the operator's Secret, whoever owns the credentials").isEqualTo("net-rpcauth");
      assertThat(secret.getDefaultMode()).as("the node's group only").isEqualTo(0440);
      assertThat(container(set).getEnv()).isEmpty();
      assertThat(new KubernetesSerialization().asJson(set)).doesNotContain("my-rpc").doesNotContain("net-rpc-credentials");
    }
  }

  @Test
  void bitcoindMountsTheRpcAuthSecretAndGetsNoPasswordAtAll() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.bitcoind());

    assertThat(volume(set, mountAt(set, "/etc/blockyard-rpcauth").orElseThrow().getName()).orElseThrow()
        .getSecret().getSecretName()).isEqualTo("net-rpcauth");
    assertThat(new KubernetesSerialization().asJson(set)).doesNotContain("RPC_PASSWORD")
        .doesNotContain("net-rpc-credentials");
  }

  @Test
  void noPasswordAnywhereInTheObjectAndNoPasswordFlag() {
    BitcoinNetwork network = TestNetworks.btcd();
    String password = SecretTexts.of(CredentialsSecret.desired(network, new SecureRandom())).get("password");

    for (BitcoinNetwork n : List.of(network, TestNetworks.bitcoind())) {
      StatefulSet set = NodeStatefulSet.desired(n);
      String json = new KubernetesSerialization().asJson(set);

      assertThat(json).doesNotContain(password).doesNotContainPattern("-rpcpass(word)?=");
    }
  }

  @Test
  void kubectlExecAndLogsDefaultToTheNodeContainer() {
    assertThat(NodeStatefulSet.desired(TestNetworks.btcd()).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/default-container", "node");
  }

  @Test
  void podsMeetTheRestrictedPodSecurityStandard() {
    for (BitcoinNetwork n : List.of(TestNetworks.btcd(), TestNetworks.bitcoind())) {
      var pod = NodeStatefulSet.desired(n).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getAutomountServiceAccountToken()).isFalse();
      List<Container> all = new java.util.ArrayList<>(pod.getContainers());
      all.addAll(pod.getInitContainers());
      assertThat(all).allSatisfy(c -> {
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
      });
    }
  }

  @Test
  void btcdHasStartedWhenItsRpcPortAcceptsConnectionsAndIsReadyWhileItsP2pPortDoes() {
    var container = container(NodeStatefulSet.desired(TestNetworks.btcd()));

    assertThat(container.getStartupProbe().getExec()).as("no process started in the pod per probe").isNull();
    assertThat(container.getStartupProbe().getTcpSocket().getPort().getStrVal())
        .as("btcd listens for RPC last: a pod ready before that is one the operator cannot call yet").isEqualTo("rpc");
    var readiness = container.getReadinessProbe();
    assertThat(readiness.getExec()).as("no process started in the pod per probe").isNull();
    String port = readiness.getTcpSocket().getPort().getStrVal();
    assertThat(container.getPorts()).as("not the RPC port, whose HTTPS server logs every probe").anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo(port);
      assertThat(p.getContainerPort()).isEqualTo(18444);
    });
  }

  @Test
  void readinessProbeAsksBitcoindOverBitcoinCli() {
    var probe = container(NodeStatefulSet.desired(TestNetworks.bitcoind())).getReadinessProbe();

    List<String> command = probe.getExec().getCommand();
    assertThat(command).startsWith("sh", "-c");
    assertThat(command.get(2)).startsWith("bitcoin-cli ")
        .contains("-regtest", "-rpcconnect=127.0.0.1", "-rpcport=18443", "-datadir=/data")
        .endsWith("getblockcount");
  }

  @Test
  void btcdMountsTheGeneratedTlsSecretAtTls() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.btcd());

    VolumeMount tls = mountAt(set, "/tls").orElseThrow();
    assertThat(tls.getReadOnly()).isTrue();
    assertThat(volume(set, tls.getName()).orElseThrow().getSecret().getSecretName()).isEqualTo("net-rpc-tls");
  }

  @Test
  void btcdMountsTheUsersTlsSecretWhenNamed() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.withTlsSecret(TestNetworks.btcd(), "my-cert"));

    VolumeMount tls = mountAt(set, "/tls").orElseThrow();
    assertThat(volume(set, tls.getName()).orElseThrow().getSecret().getSecretName()).isEqualTo("my-cert");
  }

  @Test
  void bitcoindHasNoTlsVolume() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.bitcoind());

    assertThat(mountAt(set, "/tls")).isEmpty();
    assertThat(set.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
        .extracting(Volume::getName).containsExactly("rpcauth");
  }

  @Test
  void configFileIsMountedReadOnlyFromTheConfigMap() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.btcd());

    VolumeMount config = mountAt(set, "/etc/blockyard").orElseThrow();
    assertThat(config.getReadOnly()).isTrue();
    assertThat(volume(set, config.getName()).orElseThrow().getConfigMap().getName()).isEqualTo("net-config");
    // btcd reads the ConfigMap's file with the credentials added, from the operator's Secret.
    assertThat(container(set).getArgs()).first().isEqualTo("--configfile=/run/blockyard/btcd.conf");
    assertThat(container(NodeStatefulSet.desired(TestNetworks.bitcoind())).getArgs()).first()
        .isEqualTo("-conf=/etc/blockyard/bitcoin.conf");
  }

  /** The published Bitcoin Core image's entrypoint script needs root; non-root pods run the program itself. */
  @Test
  void theContainerRunsTheNodeProgramItselfNotTheImagesEntrypoint() {
    assertThat(container(NodeStatefulSet.desired(TestNetworks.bitcoind())).getCommand()).containsExactly("bitcoind");
    assertThat(container(NodeStatefulSet.desired(TestNetworks.btcd())).getCommand()).containsExactly("btcd");
  }

  @Test
  void withoutStorageTheDataIsAnEmptyDir() {
    StatefulSet set = NodeStatefulSet.desired(TestNetworks.btcd());

    VolumeMount data = mountAt(set, "/data").orElseThrow();
    assertThat(volume(set, data.getName()).orElseThrow().getEmptyDir()).isNotNull();
    assertThat(set.getSpec().getVolumeClaimTemplates()).isEmpty();
  }

  @Test
  void withStorageEachNodeGetsAClaimOfTheAskedSizeAndClass() {
    BitcoinNetwork network = TestNetworks.btcd();
    StorageSpec storage = new StorageSpec();
    storage.setSize("10Gi");
    storage.setStorageClassName("fast-ssd");
    network.getSpec().setStorage(storage);

    StatefulSet set = NodeStatefulSet.desired(network);

    VolumeMount data = mountAt(set, "/data").orElseThrow();
    assertThat(volume(set, data.getName())).isEmpty();
    assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
      assertThat(claim.getMetadata().getName()).isEqualTo(data.getName());
      assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
      assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
    });
  }

  @Test
  void withStorageButNoClassTheClusterDefaultIsUsed() {
    BitcoinNetwork network = TestNetworks.btcd();
    StorageSpec storage = new StorageSpec();
    storage.setSize("1Gi");
    network.getSpec().setStorage(storage);

    var claim = NodeStatefulSet.desired(network).getSpec().getVolumeClaimTemplates().get(0);

    assertThat(claim.getSpec().getStorageClassName()).isNull();
  }

  @Test
  void imageIsTheDefaultOfTheImplementationUnlessGiven() {
    assertThat(container(NodeStatefulSet.desired(TestNetworks.btcd())).getImage())
        .isEqualTo("blockyard/btcd:v0.26.2");
    assertThat(container(NodeStatefulSet.desired(TestNetworks.bitcoind())).getImage())
        .isEqualTo("bitcoin/bitcoin:28.1");

    BitcoinNetwork network = TestNetworks.btcd();
    network.getSpec().setImage("registry.example.com/btcd:custom");
    assertThat(container(NodeStatefulSet.desired(network)).getImage()).isEqualTo("registry.example.com/btcd:custom");
  }

  @Test
  void extraArgsAreAppendedInOrder() {
    BitcoinNetwork network = TestNetworks.btcd();
    network.getSpec().setExtraArgs(List.of("--debuglevel=debug", "--txindex"));

    List<String> args = container(NodeStatefulSet.desired(network)).getArgs();

    assertThat(args).endsWith("--debuglevel=debug", "--txindex");
    assertThat(args).hasSize(3);
  }

  @Test
  void resourcesAreCopied() {
    BitcoinNetwork network = TestNetworks.btcd();
    ResourceRequirements resources = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi"))
        .addToLimits("memory", new Quantity("1Gi")).build();
    network.getSpec().setResources(resources);

    assertThat(container(NodeStatefulSet.desired(network)).getResources()).isEqualTo(resources);
  }

  @Test
  void portsAreTheChainsRpcAndP2pPorts() {
    assertThat(container(NodeStatefulSet.desired(TestNetworks.btcd())).getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("rpc=18334", "p2p=18444");
    assertThat(container(NodeStatefulSet.desired(TestNetworks.bitcoind())).getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("rpc=18443", "p2p=18444");
  }

  @Test
  void configHashChangesWhenThePeersChange() {
    String before = configHash(TestNetworks.btcd());

    String after = configHash(TestNetworks.withPeers(TestNetworks.btcd(), "192.0.2.7:18444"));

    assertThat(before).matches("[0-9a-f]{16}");
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void configHashStaysWhenTheConfigFileStays() {
    String before = configHash(TestNetworks.btcd());
    BitcoinNetwork other = TestNetworks.btcd();
    other.getSpec().setReplicas(7);
    other.getSpec().setImage("blockyard/btcd:other");
    other.getSpec().setExtraArgs(List.of("--txindex"));
    MiningSpec mining = new MiningSpec();
    mining.setInitialBlocks(101);
    other.getSpec().setMining(mining);
    other.getMetadata().setGeneration(99L);

    assertThat(configHash(other)).isEqualTo(before);
    assertThat(configHash(TestNetworks.btcd())).isEqualTo(before);
  }

  @Test
  void configHashIsTheNodeConfigMapsContent() {
    BitcoinNetwork testnet = TestNetworks.network("net", Implementation.BTCD, Chain.TESTNET);

    assertThat(configHash(testnet)).isNotEqualTo(configHash(TestNetworks.btcd()));
    assertThat(configHash(TestNetworks.bitcoind())).isNotEqualTo(configHash(TestNetworks.btcd()));
  }

  @Test
  void bitcoindOnSimnetIsRejected() {
    BitcoinNetwork network = TestNetworks.network("net", Implementation.BITCOIND, Chain.SIMNET);

    assertThatThrownBy(() -> NodeStatefulSet.desired(network)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simnet");
  }

  static String configHash(BitcoinNetwork network) {
    return NodeStatefulSet.desired(network).getSpec().getTemplate().getMetadata().getAnnotations()
        .get(NodeStatefulSet.CONFIG_HASH_ANNOTATION);
  }
}
