package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Which LightningNodes pay each other, how often and how much. Defaults live in the CRD, not in field initializers:
 * the operator's own patches (its finalizer) must never carry spec values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.nodes), has(self.selector), has(self.pairs)].filter(x, x).size() == 1",
    message = "set exactly one of spec.nodes (LightningNode names), spec.selector (a label selector over "
        + "LightningNodes) and spec.pairs (fixed from/to pairs)")
@ValidationRule(value = "!has(self.nodes) || self.nodes.size() >= 2",
    message = "spec.nodes needs at least two LightningNodes: a payment goes from one to another")
public class LightningActivitySpec {
  public static final int MAX_PAYMENTS_PER_MINUTE = 600;
  /** At most this many nodes or pairs: keeps the API server's cost estimate of the rules within its budget. */
  public static final int MAX_ENTRIES = 100;
  /** A Kubernetes object name's longest. */
  public static final int MAX_NAME = 253;

  @Size(max = MAX_ENTRIES)
  @JsonPropertyDescription("LightningNodes of this namespace that pay each other in random pairs.")
  private List<String> nodes;

  @JsonPropertyDescription("A label selector over this namespace's LightningNodes: those it matches pay each other "
      + "in random pairs (nodes that come and go are followed).")
  private LabelSelector selector;

  @Size(max = MAX_ENTRIES)
  @JsonPropertyDescription("Fixed source and destination pairs, taken in turn, instead of random pairs.")
  private List<PaymentPair> pairs;

  @Default("6")
  @Min(1)
  @Max(MAX_PAYMENTS_PER_MINUTE)
  @JsonPropertyDescription("Payments per minute across the whole activity (1 to 600); one payment is in flight at a "
      + "time, so slow payments lower the rate reached.")
  private Integer paymentsPerMinute;

  @Required
  @JsonPropertyDescription("The range each payment's amount is drawn from.")
  private AmountRange amountSat;

  @Default("false")
  @JsonPropertyDescription("Stop making payments (the counts are kept); false starts again.")
  private Boolean paused;

  public List<String> getNodes() {
    return nodes;
  }

  public void setNodes(List<String> nodes) {
    this.nodes = nodes;
  }

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }

  public List<PaymentPair> getPairs() {
    return pairs;
  }

  public void setPairs(List<PaymentPair> pairs) {
    this.pairs = pairs;
  }

  public Integer getPaymentsPerMinute() {
    return paymentsPerMinute;
  }

  public void setPaymentsPerMinute(Integer paymentsPerMinute) {
    this.paymentsPerMinute = paymentsPerMinute;
  }

  public AmountRange getAmountSat() {
    return amountSat;
  }

  public void setAmountSat(AmountRange amountSat) {
    this.amountSat = amountSat;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }
}
