package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A channel from one LightningNode to another node, opened and kept by the operator. Defaults live in the CRD, not
 * in field initializers: the operator's own patches (its finalizer) must never carry spec values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.to.node) || self.to.node != self.from",
    message = "spec.to.node names the same LightningNode as spec.from: a channel needs two different nodes")
@ValidationRule(value = "self.capacitySat >= " + LightningChannelSpec.MIN_CAPACITY_SAT,
    message = "spec.capacitySat must be at least " + LightningChannelSpec.MIN_CAPACITY_SAT
        + " (lnd's smallest channel)")
@ValidationRule(value = "self.capacitySat <= " + LightningChannelSpec.MAX_CAPACITY_SAT,
    message = "spec.capacitySat must be at most " + LightningChannelSpec.MAX_CAPACITY_SAT
        + " (lnd's largest channel without large-channel support): open several channels instead")
@ValidationRule(value = "self.pushSat < self.capacitySat",
    message = "spec.pushSat must be less than spec.capacitySat: the opening node has to keep part of the channel")
@ValidationRule(value = "self.from == oldSelf.from && self.to == oldSelf.to && self.capacitySat == oldSelf.capacitySat"
    + " && self.pushSat == oldSelf.pushSat && self.private == oldSelf.private",
    message = "from, to, capacitySat, pushSat and private cannot change on an existing channel: delete this "
        + "LightningChannel (which closes the channel) and create a new one")
public class LightningChannelSpec {
  /** lnd's default --minchansize. */
  public static final long MIN_CAPACITY_SAT = 20_000;
  /** 2^24 - 1: the largest channel lnd opens unless both ends allow large ("wumbo") channels. */
  public static final long MAX_CAPACITY_SAT = 16_777_215;

  @Required
  @JsonPropertyDescription("The LightningNode (this namespace) that opens and funds the channel.")
  private String from;

  @Required
  @JsonPropertyDescription("The remote end.")
  private ChannelPeerSpec to;

  @Required
  @JsonPropertyDescription("The channel's size in satoshis (20000 to 16777215).")
  private Long capacitySat;

  @Default("0")
  @Min(0)
  @JsonPropertyDescription("Satoshis given to the remote end when the channel opens.")
  private Long pushSat;

  @JsonProperty("private")
  @Default("false")
  @JsonPropertyDescription("Keep the channel out of the public graph.")
  private Boolean privateChannel;

  @Default("false")
  @JsonPropertyDescription("On regtest and simnet: mine coins to the opening node's wallet when it lacks funds, and "
      + "mine the confirmations of the opening and closing transactions, and those a public channel needs before "
      + "lnd announces it (6).")
  private Boolean fund;

  @Default("false")
  @JsonPropertyDescription("Close by force on deletion (for a peer that is gone); funds come back only after lnd's "
      + "time lock.")
  private Boolean forceClose;

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public ChannelPeerSpec getTo() {
    return to;
  }

  public void setTo(ChannelPeerSpec to) {
    this.to = to;
  }

  public Long getCapacitySat() {
    return capacitySat;
  }

  public void setCapacitySat(Long capacitySat) {
    this.capacitySat = capacitySat;
  }

  public Long getPushSat() {
    return pushSat;
  }

  public void setPushSat(Long pushSat) {
    this.pushSat = pushSat;
  }

  public Boolean getPrivateChannel() {
    return privateChannel;
  }

  public void setPrivateChannel(Boolean privateChannel) {
    this.privateChannel = privateChannel;
  }

  public Boolean getFund() {
    return fund;
  }

  public void setFund(Boolean fund) {
    this.fund = fund;
  }

  public Boolean getForceClose() {
    return forceClose;
  }

  public void setForceClose(Boolean forceClose) {
    this.forceClose = forceClose;
  }
}
