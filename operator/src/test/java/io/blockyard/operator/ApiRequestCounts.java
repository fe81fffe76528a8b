package io.blockyard.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own request counters ({@code apiserver_request_total} on {@code /metrics}), summed by verb,
 * resource and subresource: what every client did, whatever it logged.
 */
public record ApiRequestCounts(Map<String, Long> byRequest) {
  /** Verbs that change something. APPLY is server-side apply; WATCH and LIST only read. */
  public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");
  private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Needs a client allowed to read {@code /metrics} (the test bed's admin). */
  public static ApiRequestCounts read(KubernetesClient admin) {
    String text = admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
    if (text == null) {
      throw new IllegalStateException("the API server serves no /metrics to this client");
    }
    Map<String, Long> counts = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String key = labels.getOrDefault("verb", "") + " " + labels.getOrDefault("resource", "")
          + (labels.getOrDefault("subresource", "").isEmpty() ? "" : "/" + labels.get("subresource"));
      counts.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return new ApiRequestCounts(counts);
  }

  /** What happened between {@code before} and this, requests that did not happen left out. */
  public Map<String, Long> since(ApiRequestCounts before) {
    Map<String, Long> delta = new TreeMap<>();
    byRequest.forEach((key, count) -> {
      long d = count - before.byRequest.getOrDefault(key, 0L);
      if (d > 0) {
        delta.put(key, d);
      }
    });
    return delta;
  }

  /** The verb of a key of {@link #since}. */
  public static String verb(String key) {
    return key.substring(0, key.indexOf(' '));
  }

  /** The resource (without subresource) of a key of {@link #since}. */
  public static String resource(String key) {
    String r = key.substring(key.indexOf(' ') + 1);
    return r.contains("/") ? r.substring(0, r.indexOf('/')) : r;
  }
}
