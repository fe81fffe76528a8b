package io.blockyard.testbed.kubelet;

import io.blockyard.testbed.TestbedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a container image to a local directory of programs: the test bed's stand-in for pulling an image. The
 * directory is mounted into the container and put first on its PATH; the entrypoint runs when a container has no
 * {@code command}. Rules are tried in order; the first whose glob matches the image wins.
 */
public final class ImageTable {
  /** {@code glob} matches the whole image reference; {@code *} matches any run of characters. */
  public record Rule(String glob, Path directory, String entrypoint) {
    boolean matches(String image) {
      return toRegex(glob).matcher(image).matches();
    }
  }

  private final List<Rule> rules;

  public ImageTable(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public Optional<Rule> resolve(String image) {
    return rules.stream().filter(r -> r.matches(image)).findFirst();
  }

  public List<Rule> rules() {
    return rules;
  }

  /** A friendly description of the table, for error messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Rule r : rules) {
      sb.append(r.glob()).append(" -> ").append(r.directory());
      if (r.entrypoint() != null) {
        sb.append(" (").append(r.entrypoint()).append(')');
      }
      sb.append("; ");
    }
    return sb.length() == 0 ? "(empty)" : sb.substring(0, sb.length() - 2);
  }

  /**
   * Reads rules from a file, one per line: {@code <glob> <directory> [entrypoint]}; blank lines and {@code #}
   * comments are skipped.
   */
  public static List<Rule> parse(Path file) {
    try {
      return parse(Files.readAllLines(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image table " + file, e);
    }
  }

  public static List<Rule> parse(List<String> lines, String source) {
    List<Rule> rules = new ArrayList<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length < 2 || parts.length > 3) {
        throw new TestbedException(source + ":" + n + ": expected '<image glob> <directory> [entrypoint]', got '"
            + line + "'");
      }
      rules.add(new Rule(parts[0], Path.of(parts[1]), parts.length == 3 ? parts[2] : null));
    }
    return rules;
  }

  static Pattern toRegex(String glob) {
    List<String> quoted = new ArrayList<>();
    for (String piece : glob.split("\\*", -1)) {
      quoted.add(Pattern.quote(piece));
    }
    return Pattern.compile(String.join(".*", quoted));
  }
}
