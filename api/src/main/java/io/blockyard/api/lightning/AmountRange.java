package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The range each payment's amount is drawn from, uniformly; min equal to max gives a fixed amount. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.minSat <= self.maxSat", message = "spec.amountSat.minSat must not exceed maxSat")
public class AmountRange {
  @Required
  @Min(1)
  @JsonPropertyDescription("The smallest payment, in satoshis (at least 1).")
  private Long minSat;

  @Required
  @Min(1)
  @JsonPropertyDescription("The largest payment, in satoshis.")
  private Long maxSat;

  public AmountRange() {}

  public AmountRange(long minSat, long maxSat) {
    this.minSat = minSat;
    this.maxSat = maxSat;
  }

  public Long getMinSat() {
    return minSat;
  }

  public void setMinSat(Long minSat) {
    this.minSat = minSat;
  }

  public Long getMaxSat() {
    return maxSat;
  }

  public void setMaxSat(Long maxSat) {
    this.maxSat = maxSat;
  }
}
