package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** A fixed source and destination of an activity's payments: two LightningNodes of the activity's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.from != self.to", message = "a payment pair needs two different LightningNodes: "
    + "from and to are the same")
public class PaymentPair {
  @Required
  @Size(max = LightningActivitySpec.MAX_NAME)
  @JsonPropertyDescription("The LightningNode that pays.")
  private String from;

  @Required
  @Size(max = LightningActivitySpec.MAX_NAME)
  @JsonPropertyDescription("The LightningNode that makes the invoice and is paid.")
  private String to;

  public PaymentPair() {}

  public PaymentPair(String from, String to) {
    this.from = from;
    this.to = to;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentPair p && Objects.equals(from, p.from) && Objects.equals(to, p.to);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to);
  }

  @Override
  public String toString() {
    return from + "->" + to;
  }
}
