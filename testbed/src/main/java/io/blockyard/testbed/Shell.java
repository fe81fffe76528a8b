package io.blockyard.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short host commands (ip, openssl, mount) and turns a failure into an exception that says what failed. */
public final class Shell {
  private Shell() {}

  public record Result(int exitCode, String output) {}

  public static String run(String... command) {
    Result result = runAllowingFailure(command);
    if (result.exitCode() != 0) {
      throw new TestbedException("command failed (exit " + result.exitCode() + "): "
          + String.join(" ", command) + "\n" + result.output().strip());
    }
    return result.output();
  }

  public static Result runAllowingFailure(String... command) {
    return runAllowingFailure(60, command);
  }

  public static Result runAllowingFailure(long timeoutSeconds, String... command) {
    requireTool(command[0]);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out;
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new TestbedException("command timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
      }
      out = p.getInputStream().readAllBytes();
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TestbedException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /** Fails with an install hint when a host tool the test bed needs is missing. */
  public static void requireTool(String tool) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    requireTool(tool, dirs);
  }

  /** {@link #requireTool(String)} over the given directories only. */
  static void requireTool(String tool, List<String> dirs) {
    if (tool.contains("/")) {
      return;
    }
    for (String dir : dirs) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
        return;
      }
    }
    throw new TestbedException("the test bed needs '" + tool + "', which is not installed: "
        + installHint(tool));
  }

  private static String installHint(String tool) {
    return switch (tool) {
      case "ip" -> "apt-get install iproute2";
      case "nsenter", "unshare", "setpriv", "mount" -> "apt-get install util-linux";
      case "openssl" -> "apt-get install openssl";
      case "ipset" -> "apt-get install ipset (kube-router, the node's NetworkPolicy engine, runs it)";
      case "go" -> "install Go (https://go.dev/doc/install) and put it on PATH";
      case "node", "npm" -> "install Node.js 20 and npm";
      default -> "install it and put it on PATH";
    };
  }

  public static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(Arrays.asList(tail));
    return all;
  }
}
