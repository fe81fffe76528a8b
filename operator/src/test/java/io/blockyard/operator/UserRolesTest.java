package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blockyard.testbed.SharedTestbed;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestNodes;
import io.blockyard.testbed.Testbed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deploy/rbac/user-roles.yaml on a real control plane (its controller manager aggregates ClusterRoles): a person
 * bound to the built-in view role reads Blockyard resources, one bound to edit changes them, and neither role gets
 * Secrets from Blockyard's.
 */
@ExtendWith(SharedTestbed.class)
class UserRolesTest {
  static final String NS = "user-roles";
  static Testbed bed;

  @BeforeAll
  static void install(Testbed testbed) throws Exception {
    bed = testbed;
    for (String crd : List.of("bitcoinnetworks", "lightningnodes", "lightningchannels")) {
      RunningOperator.apply(testbed.client(), Path.of("../deploy/crds/" + crd + ".blockyard.io-v1.yml"));
    }
    RunningOperator.apply(testbed.client(), Path.of("../deploy/rbac/user-roles.yaml"));
    TestNodes.createNamespace(testbed.client(), NS);
    TestNodes.apply(testbed.client(), NS, """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: viewer}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: viewer}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: editor}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: editor}]
        """);
  }

  static String canI(String user, String verb, String resource, String... more) {
    List<String> cmd = new ArrayList<>(List.of(bed.programs().binary("kubernetes", "kubectl").toString(),
        "--kubeconfig", bed.kubeconfig().toString(), "auth", "can-i", verb, resource, "-n", NS, "--as", user));
    cmd.addAll(List.of(more));
    // kubectl auth can-i ends with yes or no (exit 0 or 1), after any warning.
    String output = Shell.runAllowingFailure(cmd.toArray(String[]::new)).output().strip();
    String answer = output.lines().reduce((first, last) -> last).orElse("");
    return answer.equals("yes") || answer.equals("no") ? answer : output;
  }

  @Test
  void viewReadsBlockyardResourcesAndEditChangesThemWithoutSecrets() {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (String resource : List.of("bitcoinnetworks.blockyard.io", "lightningnodes.blockyard.io",
          "lightningchannels.blockyard.io")) {
        assertThat(canI("viewer", "list", resource)).as("viewer list " + resource).isEqualTo("yes");
        assertThat(canI("viewer", "create", resource)).as("viewer create " + resource).isEqualTo("no");
        assertThat(canI("editor", "create", resource)).as("editor create " + resource).isEqualTo("yes");
        assertThat(canI("editor", "delete", resource)).as("editor delete " + resource).isEqualTo("yes");
      }
      assertThat(canI("editor", "patch", "bitcoinnetworks.blockyard.io", "--subresource=scale")).isEqualTo("yes");
    });
    assertThat(canI("viewer", "get", "secrets")).isEqualTo("no");
    var rules = bed.client().rbac().clusterRoles().withName("blockyard-edit").get().getRules();
    assertThat(rules).allSatisfy(r -> assertThat(r.getApiGroups()).containsExactly("blockyard.io"));
    assertThat(bed.client().rbac().clusterRoles().withName("blockyard-view").get().getRules())
        .allSatisfy(r -> assertThat(r.getResources()).noneMatch(x -> x.contains("secret")));
  }
}
