package io.blockyard.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.testbed.Testbed;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The plugin as a user runs it: kubectl finds kubectl-blockyard on PATH (built by `mvn verify`). */
public final class KubectlBlockyardPlugin {
  /** The launcher `mvn package` leaves in cli/target/bin (a link into the unpacked archive of this platform). */
  public static final Path BUILT = Path.of("../cli/target/bin").toAbsolutePath().normalize();

  private KubectlBlockyardPlugin() {}

  /** Runs {@code kubectl blockyard <args>} with the test bed's admin kubeconfig; fails the test on a non-zero exit. */
  public static String run(Testbed bed, String... args) throws Exception {
    Run run = start(bed, BUILT, Map.of(), true, args);
    assertThat(run.exitCode()).as("kubectl blockyard %s:%n%s", String.join(" ", args), run.output()).isZero();
    return run.output();
  }

  /** As {@link #run}, but returns the output whatever the exit code (for commands that may fail and be retried). */
  public static String runAllowingFailure(Testbed bed, String... args) throws Exception {
    return start(bed, BUILT, Map.of(), true, args).output();
  }

  /** A finished {@code kubectl blockyard}: its exit code, standard output and standard error. */
  public record Run(int exitCode, String output, String errors) {}

  /**
   * Runs {@code kubectl blockyard <args>} with {@code pathDir} first on PATH (where kubectl finds the plugin) and
   * {@code env} added to the environment, keeping standard error apart.
   */
  public static Run runFrom(Testbed bed, Path pathDir, Map<String, String> env, String... args) throws Exception {
    return start(bed, pathDir, env, false, args);
  }

  /** Runs {@code kubectl <args>} (a kubectl plugin such as krew) in the same way as {@link #runFrom}. */
  public static Run kubectl(Testbed bed, Path pathDir, Map<String, String> env, String... args) throws Exception {
    return process(bed, pathDir, env, false, args);
  }

  private static Run start(Testbed bed, Path pathDir, Map<String, String> env, boolean mergeErrors, String... args)
      throws Exception {
    pathDir.resolve("kubectl-blockyard").toFile().setExecutable(true);
    List<String> cmd = new ArrayList<>(List.of("blockyard"));
    cmd.addAll(List.of(args));
    return process(bed, pathDir, env, mergeErrors, cmd.toArray(String[]::new));
  }

  private static Run process(Testbed bed, Path pathDir, Map<String, String> env, boolean mergeErrors,
      String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(bed.programs().binary("kubernetes", "kubectl").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(mergeErrors);
    File errors = mergeErrors ? null : Files.createTempFile("kubectl-blockyard", ".err").toFile();
    if (errors != null) {
      pb.redirectError(errors);
    }
    pb.environment().put("PATH", pathDir + ":" + System.getenv("PATH"));
    pb.environment().put("KUBECONFIG", bed.kubeconfig().toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    String err = "";
    if (errors != null) {
      err = Files.readString(errors.toPath());
      Files.delete(errors.toPath());
    }
    return new Run(code, out, err);
  }
}
