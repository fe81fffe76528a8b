package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.testbed.Testbed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The plugin as a user runs it: kubectl finds kubectl-blockyard on PATH (built by `mvn verify`). */
public final class KubectlBlockyardPlugin {
  private KubectlBlockyardPlugin() {}

  /** Runs {@code kubectl blockyard <args>} with the test bed's admin kubeconfig; fails the test on a non-zero exit. */
  public static String run(Testbed bed, String... args) throws Exception {
    Run run = start(bed, args);
    assertThat(run.exitCode()).as("kubectl blockyard %s:%n%s", String.join(" ", args), run.output()).isZero();
    return run.output();
  }

  /** As {@link #run}, but returns the output whatever the exit code (for commands that may fail and be retried). */
  public static String runAllowingFailure(Testbed bed, String... args) throws Exception {
    return start(bed, args).output();
  }

  private record Run(int exitCode, String output) {}

  private static Run start(Testbed bed, String... args) throws Exception {
    Path launcher = Path.of("../cli/target/bin/kubectl-blockyard").toAbsolutePath().normalize();
    launcher.toFile().setExecutable(true);
    List<String> cmd = new ArrayList<>(List.of(bed.programs().binary("kubernetes", "kubectl").toString(),
        "blockyard"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PATH", launcher.getParent() + ":" + System.getenv("PATH"));
    pb.environment().put("KUBECONFIG", bed.kubeconfig().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }
}
