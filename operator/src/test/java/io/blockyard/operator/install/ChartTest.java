package io.blockyard.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.testbed.Programs;
import io.blockyard.testbed.Shell;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart as {@code helm lint} and {@code helm template} see it, and the files rendered from it: what a user
 * installs is what the chart says, with no cluster needed.
 */
class ChartTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("deploy/helm/blockyard");
  static final Path HELM = Programs.locate().ensure("helm").binary("helm", "helm");

  static String helm(String... args) {
    List<String> command = new ArrayList<>(List.of(HELM.toString()));
    command.addAll(List.of(args));
    Shell.Result r = Shell.runAllowingFailure(120, command.toArray(String[]::new));
    assertThat(r.exitCode()).as("helm %s:\n%s", String.join(" ", args), r.output()).isZero();
    return r.output();
  }

  /** The objects {@code helm template} renders with the given --set values, in namespace blockyard-system. */
  static List<HasMetadata> render(String... sets) {
    List<String> args = new ArrayList<>(List.of("template", "blockyard", CHART.toString(), "--namespace",
        "blockyard-system"));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    String yaml = helm(args.toArray(String[]::new));
    List<HasMetadata> objects = new ArrayList<>();
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    for (Object o : parsed instanceof List<?> l ? l : List.of(parsed)) {
      if (o instanceof HasMetadata h) {
        objects.add(h);
      }
    }
    return objects;
  }

  @Test
  void helmLintPasses() {
    assertThat(helm("lint", CHART.toString(), "--strict")).contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void theRenderedManifestAndTheChartsCopiesAreCurrent() {
    Shell.Result check = Shell.runAllowingFailure(120, "bash", ROOT.resolve("deploy/helm/render.sh").toString(),
        "--check");
    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void theDeploymentRunsNonRootOnAReadOnlyRootWithProbesAndTheSettingsAsEnvironment() {
    Deployment d = only(render("log.format=json", "watchNamespaces={team-a}", "replicas=2"), Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    var c = pod.getContainers().get(0);
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getImage()).isEqualTo("blockyard/operator:0.1.0-SNAPSHOT");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("BLOCKYARD_LOG_FORMAT");
      assertThat(e.getValue()).isEqualTo("json");
    }).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("BLOCKYARD_WATCH_NAMESPACES");
      assertThat(e.getValue()).isEqualTo("team-a");
    });
  }

  @Test
  void twoReplicasWithoutLeaderElectionAreRefused() {
    Shell.Result r = Shell.runAllowingFailure(120, HELM.toString(), "template", "blockyard", CHART.toString(),
        "--set", "replicas=2", "--set", "leaderElection.enabled=false");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("replicas > 1 needs leaderElection.enabled=true");
  }

  @Test
  void namespacedModeGrantsSecretsOnlyInTheWatchedNamespaces() {
    List<HasMetadata> objects = render("watchNamespaces={team-a,team-b}");
    assertThat(objects).noneMatch(o -> o instanceof ClusterRole)
        .noneMatch(o -> o.getKind().equals("ClusterRoleBinding"));
    List<Role> secretRoles = objects.stream().filter(o -> o instanceof Role).map(o -> (Role) o)
        .filter(r -> r.getRules().stream().anyMatch(ChartTest::grantsSecrets)).toList();
    assertThat(secretRoles).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("team-a",
        "team-b");
    assertThat(objects).filteredOn(o -> o instanceof Role && o.getMetadata().getName().endsWith("-leader-election"))
        .singleElement().satisfies(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("blockyard-system"));

    // Every namespace: one ClusterRole, which then does grant Secrets (the documented price of that mode).
    assertThat(only(render(), ClusterRole.class).getRules()).anyMatch(ChartTest::grantsSecrets);
  }

  @Test
  void theServiceMonitorIsRenderedOnlyWhenAsked() {
    assertThat(render()).noneMatch(o -> o.getKind().equals("ServiceMonitor"))
        .anyMatch(o -> o.getKind().equals("Service") && o.getMetadata().getName().equals("blockyard-operator-metrics"))
        .anyMatch(o -> o.getKind().equals("ValidatingAdmissionPolicy"));
    assertThat(render("metrics.serviceMonitor.enabled=true")).anyMatch(o -> o.getKind().equals("ServiceMonitor"));
  }

  static boolean grantsSecrets(PolicyRule rule) {
    return rule.getApiGroups().contains("") && (rule.getResources().contains("secrets")
        || rule.getResources().contains("*"));
  }

  static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }
}
