package io.blockyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.testbed.Programs;
import io.blockyard.testbed.controlplane.ControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A real kube-apiserver with the checked-in CRDs installed, and kubectl against it: what a user gets back for good
 * and bad input. Only the API server is needed (no kubelet, no operator).
 */
public final class AdmissionApiServer implements AutoCloseable {
  public record Result(int exitCode, String output) {}

  private final ControlPlane controlPlane;
  private final Path kubectl;

  private AdmissionApiServer(ControlPlane controlPlane, Path kubectl) {
    this.controlPlane = controlPlane;
    this.kubectl = kubectl;
  }

  /** Starts an API server in target/&lt;dirName&gt; and installs the named CRDs (plural.group) from deploy/crds. */
  public static AdmissionApiServer start(String dirName, String... crds) throws Exception {
    Programs programs = Programs.locate().ensure("etcd", "kubernetes");
    Path dir = Path.of("target", dirName).toAbsolutePath();
    deleteTree(dir);
    ControlPlane controlPlane = new ControlPlane(ControlPlane.Config.withFreePorts(dir))
        .start(programs);
    AdmissionApiServer server = new AdmissionApiServer(controlPlane, programs.binary("kubernetes", "kubectl"));
    try {
      for (String crd : crds) {
        Result applied = server.kubectl(null, "apply", "--server-side", "-f",
            Path.of("../deploy/crds/" + crd + "-v1.yml").toAbsolutePath().toString());
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        Result established = server.kubectl(null, "wait", "--for=condition=Established", "--timeout=60s",
            "crd/" + crd);
        assertThat(established.exitCode()).as(established.output()).isZero();
      }
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  public Result kubectl(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig",
        controlPlane.kubeconfig().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  public Result apply(String yaml) throws Exception {
    return kubectl(yaml, "apply", "-f", "-");
  }

  @Override
  public void close() {
    controlPlane.close();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
