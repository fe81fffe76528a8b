package io.blockyard.testbed.node;

import io.blockyard.testbed.Programs;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images the node runs, built by testbed/tools/build-images.sh from the pinned programs (cached by content; a
 * warm run builds nothing) and imported into containerd under the names the operator's pod specs use.
 */
public final class NodeImages {
  static final String PAUSE = "blockyard/pause:";
  static final String OPERATOR_BASE = "blockyard/operator-base:";
  /** The operator's image archive (Jib's, from the operator module's build), imported too when this names one. */
  public static final String OPERATOR_IMAGE_PROPERTY = "blockyard.testbed.operatorImage";
  private static final Pattern REPO_TAG = Pattern.compile("\"RepoTags\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
  private final Map<String, Path> archives;

  private NodeImages(Map<String, Path> archives) {
    this.archives = archives;
  }

  /** Builds what is missing and lists every image's archive. */
  public static NodeImages build() {
    Path script = Programs.locate().toolsDir().resolve("build-images.sh");
    Shell.Result built = Shell.runAllowingFailure(3600, "bash", script.toString(), "all");
    if (built.exitCode() != 0) {
      throw new TestbedException("building the node's images failed:\n" + built.output().strip());
    }
    NodeImages images = parse(Shell.run("bash", script.toString(), "--print"));
    String operator = System.getProperty(OPERATOR_IMAGE_PROPERTY);
    if (operator != null && !operator.isBlank()) {
      images.archives.put(referenceIn(Path.of(operator)), Path.of(operator));
    }
    return images;
  }

  /** The image reference a docker archive holds (its manifest's first RepoTag). */
  static String referenceIn(Path archive) {
    if (!Files.isRegularFile(archive)) {
      throw new TestbedException("the operator's image " + archive + " is missing: build it with make image "
          + "(mvn -pl operator -am package builds it before the tests)");
    }
    Matcher tag = REPO_TAG.matcher(Shell.run("tar", "-xOf", archive.toString(), "manifest.json"));
    if (!tag.find()) {
      throw new TestbedException(archive + " is not a docker archive with a tagged image (no RepoTags in manifest.json)");
    }
    return tag.group(1);
  }

  static NodeImages parse(String listing) {
    Map<String, Path> archives = new LinkedHashMap<>();
    for (String line : listing.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        Path archive = Path.of(line.substring(eq + 1).strip());
        if (!Files.isRegularFile(archive)) {
          throw new TestbedException("image " + line.substring(0, eq) + ": archive " + archive + " is missing");
        }
        archives.put(line.substring(0, eq).strip(), archive);
      }
    }
    return new NodeImages(archives);
  }

  /** The archives to import: every image a pod runs (the operator's Java base is only Jib's starting point). */
  public List<Path> archives() {
    List<Path> runnable = new ArrayList<>();
    archives.forEach((reference, archive) -> {
      if (!reference.startsWith(OPERATOR_BASE)) {
        runnable.add(archive);
      }
    });
    return runnable;
  }

  /** The pause image, which every pod's sandbox runs. */
  public String sandboxImage() {
    return reference(PAUSE);
  }

  /** The one image whose reference starts with {@code prefix} (the tag is the pinned version). */
  public String reference(String prefix) {
    return archives.keySet().stream().filter(r -> r.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new TestbedException("build-images.sh listed no " + prefix + "* image"));
  }
}
