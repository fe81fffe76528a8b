package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * A configuration file that holds credentials, written at pod start by an init container into a memory volume: the
 * values come from Secret keys through the init container's environment, so that they are on no command line (ps
 * shows the script with variable names only), in no ConfigMap and in no pod spec. Pure.
 *
 * @param path the file the program reads
 * @param copyFrom a file (from the ConfigMap) whose content goes first, or null
 * @param lines the lines after it, see {@link #literal} and {@link #fromEnv}
 */
public record SecretConfigFile(String path, String copyFrom, List<Line> lines) {
  public static final String CONTAINER = "config";

  /** One line of the file; its text is never a credential (those are named by variable). */
  public record Line(String text, String key, String envVar) {}

  public static Line literal(String text) {
    return new Line(text, null, null);
  }

  /** {@code key=<value of envVar>}. */
  public static Line fromEnv(String key, String envVar) {
    return new Line(null, key, envVar);
  }

  /** A POSIX sh script: printf is a shell builtin, so no process of its own ever carries a value. */
  static String script(List<SecretConfigFile> files) {
    List<String> steps = new ArrayList<>(List.of("set -e", "umask 077"));
    for (SecretConfigFile file : files) {
      file.steps(steps);
    }
    return String.join("\n", steps) + "\n";
  }

  private void steps(List<String> steps) {
    steps.add(": > '" + path + "'");
    if (copyFrom != null) {
      steps.add("cat '" + copyFrom + "' >> '" + path + "'");
    }
    for (Line line : lines) {
      if (line.text() != null) {
        steps.add("printf '%s\\n' '" + line.text() + "' >> '" + path + "'");
      } else {
        steps.add("printf '%s=%s\\n' '" + line.key() + "' \"$" + line.envVar() + "\" >> '" + path + "'");
      }
    }
  }

  /**
   * Writes {@code files}; runs in the program's own image (it has a shell) with only these variables and mounts
   * (the memory volume the files go to, writable, and what they copy from).
   */
  public static Container initContainer(String image, List<SecretConfigFile> files, List<EnvVar> env,
      List<VolumeMount> mounts) {
    return new ContainerBuilder().withName(CONTAINER).withImage(image)
        .withCommand("sh", "-c", script(files))
        .withEnv(env)
        .withVolumeMounts(mounts)
        .withSecurityContext(RestrictedPod.container())
        .build();
  }
}
