package io.blockyard.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the pinned third-party programs live. They are built by testbed/tools/build-tools.sh into a cache keyed by
 * version; asking for a program builds it when it is missing and does nothing when the cache is warm.
 */
public final class Programs {
  private final Path script;
  private final Map<String, Path> dirs;
  private final String kubernetesVersion;

  private Programs(Path script, Map<String, Path> dirs, String kubernetesVersion) {
    this.script = script;
    this.dirs = dirs;
    this.kubernetesVersion = kubernetesVersion;
  }

  /** Finds the build script from $BLOCKYARD_BUILD_TOOLS or by walking up from the working directory. */
  public static Programs locate() {
    String override = System.getenv("BLOCKYARD_BUILD_TOOLS");
    Path script = null;
    if (override != null && !override.isBlank()) {
      script = Path.of(override);
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("testbed/tools/build-tools.sh");
        if (Files.isRegularFile(candidate)) {
          script = candidate;
          break;
        }
      }
    }
    if (script == null || !Files.isRegularFile(script)) {
      throw new TestbedException("cannot find testbed/tools/build-tools.sh: run from the Blockyard checkout or set "
          + "BLOCKYARD_BUILD_TOOLS to its path");
    }
    Map<String, Path> dirs = new LinkedHashMap<>();
    String k8s = null;
    for (String line : Shell.run("bash", script.toString(), "--print-dirs").split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).strip();
      if (key.equals("kubernetesVersion")) {
        k8s = value;
      } else {
        dirs.put(key, Path.of(value));
      }
    }
    return new Programs(script, dirs, k8s);
  }

  /** Builds whatever of the named programs is not in the cache yet (a no-op when warm). */
  public Programs ensure(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!Files.exists(dir(name).resolve(".complete"))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
      cmd.addAll(missing);
      // Cold builds take minutes; their progress goes to the build logs the script names.
      Shell.Result r = Shell.runAllowingFailure(3600, cmd.toArray(String[]::new));
      if (r.exitCode() != 0) {
        throw new TestbedException("building " + missing + " failed:\n" + r.output().strip());
      }
    }
    return this;
  }

  /** testbed/tools/, where the build scripts live. */
  public Path toolsDir() {
    return script.getParent();
  }

  public Path dir(String name) {
    Path dir = dirs.get(name);
    if (dir == null) {
      throw new TestbedException("unknown program '" + name + "'; known: " + dirs.keySet());
    }
    return dir;
  }

  public Path binary(String program, String binary) {
    return dir(program).resolve(binary);
  }

  public String kubernetesVersion() {
    return kubernetesVersion;
  }
}
