package io.blockyard.cli;

import io.blockyard.api.lightning.LightningActivity;
import io.blockyard.api.lightning.LightningActivitySpec;
import io.blockyard.api.lightning.LightningActivityStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What a LightningActivity's payments came to, from its status. */
@Command(mixinStandardHelpOptions = true, name = "activity",
    description = "Show a LightningActivity: its payments, success rate, fees, latencies and failures by reason.")
final class ActivityCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the LightningActivity")
  String activity;

  @Override
  public Integer call() {
    LightningActivity found = root.client().resources(LightningActivity.class).inNamespace(root.namespace())
        .withName(activity).get();
    if (found == null) {
      throw new IllegalArgumentException("no LightningActivity " + activity + " in namespace " + root.namespace()
          + " (kubectl get lnact -n " + root.namespace() + " lists them)");
    }
    spec.commandLine().getOut().print(render(found));
    spec.commandLine().getOut().flush();
    return 0;
  }

  static String render(LightningActivity a) {
    LightningActivitySpec spec = a.getSpec();
    LightningActivityStatus s = a.getStatus() == null ? new LightningActivityStatus() : a.getStatus();
    StringBuilder out = new StringBuilder();
    String n = System.lineSeparator();
    out.append(String.format(Locale.ROOT, "Activity:   %s/%s%s%n", a.getMetadata().getNamespace(),
        a.getMetadata().getName(), Boolean.TRUE.equals(spec.getPaused()) ? " (paused)" : ""));
    out.append(String.format(Locale.ROOT, "Plan:       %s a minute, %s to %s sat, %s%n", spec.getPaymentsPerMinute(),
        spec.getAmountSat().getMinSat(), spec.getAmountSat().getMaxSat(), spec.getPairs() != null
            ? "pairs " + spec.getPairs().stream().map(Object::toString).collect(Collectors.joining(", "))
            : "random pairs"));
    out.append("Nodes:      ").append(s.getNodes().isEmpty() ? "-" : String.join(", ", s.getNodes())).append(n);
    out.append(String.format(Locale.ROOT, "Payments:   %d attempted, %d succeeded, %d failed%s%n",
        orZero(s.getAttempted()), orZero(s.getSucceeded()), orZero(s.getFailed()), s.getSuccessRate() == null ? ""
            : String.format(Locale.ROOT, " (%.1f%% success)", 100 * s.getSuccessRate())));
    out.append(String.format(Locale.ROOT, "Paid:       %d sat, fees %.3f sat%n", orZero(s.getAmountPaidSat()),
        orZero(s.getFeesPaidMsat()) / 1000.0));
    out.append("Latency:    ").append(s.getLatencyP50Ms() == null ? "-"
        : "p50 " + s.getLatencyP50Ms() + " ms, p95 " + s.getLatencyP95Ms() + " ms (" + s.getLatencyWindow() + ")")
        .append(n);
    out.append("Failures:   ").append(s.getFailures().isEmpty() ? "none" : s.getFailures().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append(n);
    for (Condition c : s.getConditions()) {
      out.append(String.format(Locale.ROOT, "%-11s %-5s %-14s %s%n", c.getType(), c.getStatus(), c.getReason(),
          c.getMessage()));
    }
    return out.toString();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
