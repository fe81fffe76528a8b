package io.blockyard.testbed.kubelet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's log file as the process kubelet writes it: every start of the container is marked by a line
 * {@code ---- <time> start #N: <command>}, followed by that run's output. What {@code kubectl logs} asks for is one
 * run's output: the current (last) one, or with {@code --previous} the one before it.
 */
final class ContainerLog {
  private static final Pattern START = Pattern.compile("(?m)^---- \\S+ start #\\d+: .*\\n");

  private ContainerLog() {}

  /** Byte offsets [from, to) of one run's output in the file, or null when there is no such run. */
  record Run(int from, int to) {}

  /** The last run ({@code previous = false}) or the one before it. */
  static Run run(byte[] file, boolean previous) {
    // ISO-8859-1 keeps one char per byte, so match offsets are byte offsets.
    Matcher m = START.matcher(new String(file, StandardCharsets.ISO_8859_1));
    int lastEnd = -1;
    int lastStart = -1;
    int previousEnd = -1;
    while (m.find()) {
      previousEnd = lastEnd;
      lastStart = m.start();
      lastEnd = m.end();
    }
    if (!previous) {
      return lastEnd < 0 ? null : new Run(lastEnd, file.length);
    }
    return previousEnd < 0 ? null : new Run(previousEnd, lastStart);
  }

  /** The run's output, cut to its last {@code tailLines} lines and then to {@code limitBytes}, when those are set. */
  static byte[] select(byte[] file, Run run, Integer tailLines, Long limitBytes) {
    int from = run.from();
    if (tailLines != null) {
      from = tailStart(file, run, tailLines);
    }
    int to = run.to();
    if (limitBytes != null && to - from > limitBytes) {
      to = from + (int) (long) limitBytes;
    }
    return Arrays.copyOfRange(file, from, to);
  }

  /** Where the last {@code lines} lines of the run begin (a last line without a newline counts as a line). */
  static int tailStart(byte[] file, Run run, int lines) {
    if (lines <= 0) {
      return run.to();
    }
    int end = run.to();
    if (end > run.from() && file[end - 1] == '\n') {
      end--;
    }
    int seen = 0;
    for (int i = end - 1; i >= run.from(); i--) {
      if (file[i] == '\n' && ++seen == lines) {
        return i + 1;
      }
    }
    return run.from();
  }

  /** Whether new bytes hold the start of another run: a follow of the current run ends there. */
  static int nextStart(byte[] appended) {
    Matcher m = START.matcher(new String(appended, StandardCharsets.ISO_8859_1));
    return m.find() ? m.start() : -1;
  }
}
