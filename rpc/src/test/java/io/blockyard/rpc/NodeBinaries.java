package io.blockyard.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where the test bed's build script put the node programs (asked once per test run). */
final class NodeBinaries {

  private static Map<String, Path> dirs;

  private NodeBinaries() {}

  /** The btcd executable. */
  static Path btcd() {
    return executable("btcd", "btcd");
  }

  /** The lnd executable. */
  static Path lnd() {
    return executable("lnd", "lnd");
  }

  /** bcoin's wrapper script. */
  static Path bcoin() {
    return executable("bcoin", "bcoin");
  }

  private static Path executable(String program, String file) {
    Path dir = dirs().get(program);
    if (dir == null || !Files.isExecutable(dir.resolve(file))) {
      throw new IllegalStateException("no " + program + " binary; run testbed/tools/build-tools.sh "
          + program + " (print-dirs said: " + dirs() + ")");
    }
    return dir.resolve(file);
  }

  private static synchronized Map<String, Path> dirs() {
    if (dirs == null) {
      dirs = printDirs();
    }
    return dirs;
  }

  private static Map<String, Path> printDirs() {
    Path basedir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Path script = basedir.resolve("../testbed/tools/build-tools.sh").normalize();
    if (!Files.exists(script)) {
      script = basedir.resolve("testbed/tools/build-tools.sh");
    }
    try {
      Process process = new ProcessBuilder("bash", script.toString(), "--print-dirs")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " --print-dirs failed");
      }
      Map<String, Path> found = new HashMap<>();
      for (String line : output.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          found.put(line.substring(0, eq).trim(), Path.of(line.substring(eq + 1).trim()));
        }
      }
      return found;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + script, e);
    }
  }
}
