package io.blockyard.operator.lightning;

import io.blockyard.operator.SecretTexts;
import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.Implementation;
import io.blockyard.api.bitcoin.StorageSpec;
import io.blockyard.api.lightning.ExternalBackendSpec;
import io.blockyard.api.lightning.LightningNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pure builders of a LightningNode's objects: lnd's command line, its pod, its Secrets. */
class LndBuildersTest {
  static LightningNode alice() {
    LightningNode node = new LightningNode();
    node.getMetadata().setName("alice");
    node.getMetadata().setNamespace("ln");
    node.getMetadata().setUid("2d0c3b1e-0000-4000-8000-000000000001");
    node.getSpec().setNetwork("net");
    return node;
  }

  static BitcoinNetwork network(Implementation implementation) {
    BitcoinNetwork network = new BitcoinNetwork();
    network.getMetadata().setName("net");
    network.getMetadata().setNamespace("ln");
    network.getSpec().setImplementation(implementation);
    network.getSpec().setChain(Chain.REGTEST);
    return network;
  }

  static Map<String, EnvVar> env(ChainBackend backend) {
    return backend.env().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
  }

  @Test
  void aBtcdNetworkIsReachedAtNodeZeroWithTheNetworksCredentialsAndCa() {
    ChainBackend backend = ChainBackend.of(network(Implementation.BTCD));
    Map<String, EnvVar> env = env(backend);
    assertThat(env.get(ChainBackend.HOST_ENV).getValue()).isEqualTo("net-0.net-nodes.ln.svc.cluster.local:18334");
    assertThat(env.get(ChainBackend.USER_ENV).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("net-rpc-credentials");
    assertThat(env.get(ChainBackend.PASSWORD_ENV).getValue()).as("never a literal password").isNull();
    assertThat(backend.tlsSecret()).isEqualTo("net-rpc-tls");
    assertThat(backend.tlsKey()).isEqualTo("ca.crt");

    List<String> args = LndProgram.args(alice(), backend);
    assertThat(args).contains("--bitcoin.regtest", "--bitcoin.node=btcd", "--configfile=/run/lnd/lnd.conf",
        "--btcd.rpccert=/backend-tls/rpc.cert", "--wallet-unlock-password-file=/wallet/password", "--alias=alice",
        "--nobootstrap");
    assertThat(String.join(" ", args)).doesNotContain("bitcoind.").doesNotContain("noseedbackup")
        .as("credentials are in lnd.conf").doesNotContain("rpcuser").doesNotContain("rpcpass")
        .as("--lnddir would make lnd ignore --tlscertpath").doesNotContain("--lnddir");
    assertThat(args).contains("--tlscertpath=/tls/tls.crt", "--tlskeypath=/tls/tls.key", "--datadir=/data/data");
  }

  @Test
  void aBitcoindNetworkGetsZmqAndLndsBitcoindFlags() {
    ChainBackend backend = ChainBackend.of(network(Implementation.BITCOIND));
    Map<String, EnvVar> env = env(backend);
    assertThat(env.get(ChainBackend.HOST_ENV).getValue()).isEqualTo("net-0.net-nodes.ln.svc.cluster.local:18443");
    assertThat(env.get(ChainBackend.ZMQ_BLOCK_ENV).getValue())
        .isEqualTo("tcp://net-0.net-nodes.ln.svc.cluster.local:28332");
    assertThat(env.get(ChainBackend.ZMQ_TX_ENV).getValue())
        .isEqualTo("tcp://net-0.net-nodes.ln.svc.cluster.local:28333");
    assertThat(backend.tlsSecret()).as("Bitcoin Core serves plain HTTP").isNull();
    assertThat(LndProgram.args(alice(), backend)).contains("--bitcoin.node=bitcoind", "--configfile=/run/lnd/lnd.conf");
    StatefulSet set = LndStatefulSet.desired(alice(), backend);
    var init = set.getSpec().getTemplate().getSpec().getInitContainers();
    assertThat(init).hasSize(1);
    assertThat(init.get(0).getCommand().get(2)).contains("'[Bitcoind]'")
        .contains("'bitcoind.rpcpass' \"$BACKEND_RPC_PASSWORD\"")
        .contains("'bitcoind.zmqpubrawblock' \"$BACKEND_ZMQ_RAW_BLOCK\"").doesNotContain("$(");
    assertThat(init.get(0).getEnv()).extracting(EnvVar::getName).contains(ChainBackend.PASSWORD_ENV);
    assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName)
        .as("the lnd container gets no credential").containsExactly("HOME");
    assertThat(set.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
        .doesNotContain("backend-tls");
  }

  @Test
  void anExternalBackendComesEntirelyFromItsSecret() {
    ExternalBackendSpec external = new ExternalBackendSpec();
    external.setImplementation(Implementation.BTCD);
    external.setChain(Chain.MAINNET);
    external.setSecret("my-btcd");
    ChainBackend backend = ChainBackend.of(external);
    assertThat(backend.env()).allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("my-btcd"));
    assertThat(backend.tlsSecret()).isEqualTo("my-btcd");
    assertThat(LndProgram.args(alice(), backend)).contains("--bitcoin.mainnet").as("peers from lnd's DNS seeds")
        .doesNotContain("--nobootstrap");
    assertThat(LndProgram.macaroonDir(backend)).isEqualTo("/data/data/chain/bitcoin/mainnet");
  }

  @Test
  void thePodMountsOnlyThePasswordNeverTheSeedAndRunsAsNonRoot() {
    LightningNode node = alice();
    node.getSpec().setAlias("Alice's node");
    node.getSpec().setColor("#ff9900");
    node.getSpec().setExtraArgs(List.of("--debuglevel=debug"));
    StatefulSet set = LndStatefulSet.desired(node, ChainBackend.of(network(Implementation.BTCD)));
    var pod = set.getSpec().getTemplate().getSpec();
    Volume wallet = pod.getVolumes().stream().filter(v -> v.getName().equals("wallet")).findFirst().orElseThrow();
    assertThat(wallet.getSecret().getSecretName()).isEqualTo("alice-lnd-wallet");
    assertThat(wallet.getSecret().getItems()).singleElement()
        .satisfies(i -> assertThat(i.getKey()).isEqualTo("password"));
    assertThat(pod.getVolumes()).noneMatch(v -> v.getSecret() != null
        && v.getSecret().getSecretName().equals("alice-lnd-seed"));
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(set.getMetadata().getName()).isEqualTo("alice-lnd");
    assertThat(set.getSpec().getReplicas()).isEqualTo(1);
    var container = pod.getContainers().get(0);
    assertThat(container.getArgs()).contains("--alias=Alice's node", "--color=#ff9900").last()
        .isEqualTo("--debuglevel=debug");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v1/state");
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("HOME");
      assertThat(e.getValue()).isEqualTo("/data");
    });
    assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
    assertThat(set.getSpec().getVolumeClaimTemplates()).isEmpty();
  }

  @Test
  void storageBecomesAClaimTemplateInsteadOfAnEmptyDir() {
    LightningNode node = alice();
    StorageSpec storage = new StorageSpec();
    storage.setSize("2Gi");
    node.getSpec().setStorage(storage);
    StatefulSet set = LndStatefulSet.desired(node, ChainBackend.of(network(Implementation.BTCD)));
    assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(c -> {
      assertThat(c.getMetadata().getName()).isEqualTo("data");
      assertThat(c.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
    });
    assertThat(set.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().equals("data"));
  }

  @Test
  void theWalletSecretsHaveNoOwnerAndARandomPassword() {
    SecureRandom random = new SecureRandom();
    Secret one = WalletSecrets.newWalletSecret(alice(), random);
    Secret two = WalletSecrets.newWalletSecret(alice(), random);
    assertThat(one.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(SecretTexts.of(one).get("password")).hasSizeGreaterThanOrEqualTo(43)
        .isNotEqualTo(SecretTexts.of(two).get("password"));
    Secret seed = WalletSecrets.seedSecret(alice(), List.of("abandon", "ability"), "regtest");
    assertThat(seed.getMetadata().getName()).isEqualTo("alice-lnd-seed");
    assertThat(seed.getMetadata().getFinalizers()).as("a test chain's seed can go").isNullOrEmpty();
    for (String chain : List.of("signet", "testnet", "mainnet")) {
      assertThat(WalletSecrets.seedSecret(alice(), List.of("abandon"), chain).getMetadata().getFinalizers())
          .as(chain).containsExactly(WalletSecrets.KEEP_SEED_FINALIZER);
    }
    assertThat(seed.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(seed.getMetadata().getLabels()).containsEntry(WalletSecrets.KEEP_LABEL, "true");
    assertThat(SecretTexts.of(seed)).containsEntry("mnemonic", "abandon ability");
  }

  @Test
  void theTlsCertificateNamesTheServiceAndThePod() throws Exception {
    Secret tls = LndTlsSecret.desired(alice(), new SecureRandom());
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(SecretTexts.of(tls).get("tls.crt").getBytes(StandardCharsets.US_ASCII)));
    assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
        .contains("localhost", "alice-lnd.ln.svc", "alice-lnd-0.alice-lnd.ln.svc.cluster.local");
    assertThat(SecretTexts.of(tls).get("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void aNodeOnANetworkWithRealCoinsNeedsStorage() {
    BitcoinNetwork mainnet = network(Implementation.BTCD);
    mainnet.getSpec().setChain(Chain.MAINNET);
    assertThat(BackendResolution.storageProblem(alice(), mainnet)).get().asString()
        .contains("BitcoinNetwork \"net\" is on mainnet").contains("create it again with spec.storage");
    LightningNode stored = alice();
    stored.getSpec().setStorage(new io.blockyard.api.bitcoin.StorageSpec());
    assertThat(BackendResolution.storageProblem(stored, mainnet)).isEmpty();
    assertThat(BackendResolution.storageProblem(alice(), network(Implementation.BTCD))).as("regtest").isEmpty();
  }
}
