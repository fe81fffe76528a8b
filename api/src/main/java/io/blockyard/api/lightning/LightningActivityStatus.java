package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What an activity's payments came to, since the resource was created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LightningActivityStatus {
  /** The condition that says whether payments are being made, and if not why. */
  public static final String RUNNING = "Running";
  /** A failure reason of the operator's own: the destination did not make an invoice. */
  public static final String INVOICE_FAILED = "invoice_failed";
  /** A failure reason of the operator's own: the paying lnd did not answer in time (the payment may have gone). */
  public static final String UNREACHABLE = "unreachable";
  /** A failure reason of the operator's own: the paying lnd refused the call itself. */
  public static final String LND_ERROR = "lnd_error";

  private Long observedGeneration;
  @JsonPropertyDescription("Payments tried: invoices asked for and paid, or failed.")
  private Long attempted;
  private Long succeeded;
  private Long failed;
  @JsonPropertyDescription("succeeded / attempted, from 0 to 1.")
  private Double successRate;
  @JsonPropertyDescription("Routing fees paid on the successful payments, in millisatoshis.")
  private Long feesPaidMsat;
  @JsonPropertyDescription("What the successful payments carried, in satoshis (fees not included).")
  private Long amountPaidSat;
  @JsonPropertyDescription("Median time of the recent successful payments (see latencyWindow), in milliseconds.")
  private Long latencyP50Ms;
  @JsonPropertyDescription("95th percentile of the same, in milliseconds.")
  private Long latencyP95Ms;
  @JsonPropertyDescription("Which payments the latencies are over.")
  private String latencyWindow;
  @JsonPropertyDescription("Failed payments by reason: lnd's (no_route, insufficient_balance, timeout, "
      + "incorrect_payment_details, error, canceled) and the operator's (invoice_failed, unreachable, lnd_error).")
  private Map<String, Long> failures = new TreeMap<>();
  @JsonPropertyDescription("The LightningNodes taking part: ready ones pay and are paid.")
  private List<String> nodes = new ArrayList<>();
  @JsonPropertyDescription("Running: whether payments are being made, and if not why.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Long getAttempted() {
    return attempted;
  }

  public void setAttempted(Long attempted) {
    this.attempted = attempted;
  }

  public Long getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(Long succeeded) {
    this.succeeded = succeeded;
  }

  public Long getFailed() {
    return failed;
  }

  public void setFailed(Long failed) {
    this.failed = failed;
  }

  public Double getSuccessRate() {
    return successRate;
  }

  public void setSuccessRate(Double successRate) {
    this.successRate = successRate;
  }

  public Long getFeesPaidMsat() {
    return feesPaidMsat;
  }

  public void setFeesPaidMsat(Long feesPaidMsat) {
    this.feesPaidMsat = feesPaidMsat;
  }

  public Long getAmountPaidSat() {
    return amountPaidSat;
  }

  public void setAmountPaidSat(Long amountPaidSat) {
    this.amountPaidSat = amountPaidSat;
  }

  public Long getLatencyP50Ms() {
    return latencyP50Ms;
  }

  public void setLatencyP50Ms(Long latencyP50Ms) {
    this.latencyP50Ms = latencyP50Ms;
  }

  public Long getLatencyP95Ms() {
    return latencyP95Ms;
  }

  public void setLatencyP95Ms(Long latencyP95Ms) {
    this.latencyP95Ms = latencyP95Ms;
  }

  public String getLatencyWindow() {
    return latencyWindow;
  }

  public void setLatencyWindow(String latencyWindow) {
    this.latencyWindow = latencyWindow;
  }

  public Map<String, Long> getFailures() {
    return failures;
  }

  public void setFailures(Map<String, Long> failures) {
    this.failures = failures == null ? new TreeMap<>() : new TreeMap<>(failures);
  }

  public List<String> getNodes() {
    return nodes;
  }

  public void setNodes(List<String> nodes) {
    this.nodes = nodes == null ? new ArrayList<>() : nodes;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LightningActivityStatus other)) {
      return false;
    }
    return Objects.equals(observedGeneration, other.observedGeneration) && Objects.equals(attempted, other.attempted)
        && Objects.equals(succeeded, other.succeeded) && Objects.equals(failed, other.failed)
        && Objects.equals(successRate, other.successRate) && Objects.equals(feesPaidMsat, other.feesPaidMsat)
        && Objects.equals(amountPaidSat, other.amountPaidSat) && Objects.equals(latencyP50Ms, other.latencyP50Ms)
        && Objects.equals(latencyP95Ms, other.latencyP95Ms) && Objects.equals(latencyWindow, other.latencyWindow)
        && Objects.equals(failures, other.failures) && Objects.equals(nodes, other.nodes)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attempted, succeeded, failed, nodes);
  }

  @Override
  public String toString() {
    return "LightningActivityStatus[attempted=" + attempted + ", succeeded=" + succeeded + ", failed=" + failed
        + ", failures=" + failures + ", nodes=" + nodes + ", conditions=" + conditions + "]";
  }
}
