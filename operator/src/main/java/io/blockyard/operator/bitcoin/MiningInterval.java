package io.blockyard.operator.bitcoin;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code spec.mining.interval} ("30s", "5m", "1h30m", "500ms"), as the CRD's pattern admits it. */
public final class MiningInterval {
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private MiningInterval() {}

  public static Duration parse(String text) {
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      try {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        });
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("mining interval '" + text + "' is too long", e);
      }
      end = m.end();
    }
    if (end != text.length() || total.isZero()) {
      throw new IllegalArgumentException("mining interval '" + text + "' is not a duration such as 30s, 5m or 1h");
    }
    return total;
  }
}
