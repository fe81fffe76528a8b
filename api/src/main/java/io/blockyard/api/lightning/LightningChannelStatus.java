package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator sees of a channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LightningChannelStatus implements io.blockyard.api.HasConditions {
  /** lnd announces a public channel once its funding transaction has this many confirmations. */
  public static final int ANNOUNCEMENT_CONFIRMATIONS = 6;

  private Long observedGeneration;
  @JsonPropertyDescription("Pending, Opening, Open, Closing or Closed.")
  private ChannelState state;
  @JsonPropertyDescription("The funding outpoint, txid:index: how the operator tracks the channel.")
  private String channelPoint;
  @JsonPropertyDescription("lnd's short channel id (decimal), once the channel is open: what lncli getchaninfo takes.")
  private String channelId;
  @JsonPropertyDescription("The remote node's identity public key.")
  private String remotePubkey;
  private Long capacitySat;
  @JsonPropertyDescription("What the opening node holds in the channel, in satoshis.")
  private Long localBalanceSat;
  @JsonPropertyDescription("What the remote node holds in the channel, in satoshis.")
  private Long remoteBalanceSat;
  @JsonPropertyDescription("Whether both peers are online and the channel can carry payments.")
  private Boolean active;
  @JsonPropertyDescription("The transaction that closes the channel, once it is closing.")
  private String closingTxid;
  @JsonPropertyDescription("Ready (open and active in lnd), Routable (announced and in both peers' graphs, or what is "
      + "missing) and Blocked (what stands in the way and what to do).")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ChannelState getState() {
    return state;
  }

  public void setState(ChannelState state) {
    this.state = state;
  }

  public String getChannelPoint() {
    return channelPoint;
  }

  public void setChannelPoint(String channelPoint) {
    this.channelPoint = channelPoint;
  }

  public String getChannelId() {
    return channelId;
  }

  public void setChannelId(String channelId) {
    this.channelId = channelId;
  }

  public String getRemotePubkey() {
    return remotePubkey;
  }

  public void setRemotePubkey(String remotePubkey) {
    this.remotePubkey = remotePubkey;
  }

  public Long getCapacitySat() {
    return capacitySat;
  }

  public void setCapacitySat(Long capacitySat) {
    this.capacitySat = capacitySat;
  }

  public Long getLocalBalanceSat() {
    return localBalanceSat;
  }

  public void setLocalBalanceSat(Long localBalanceSat) {
    this.localBalanceSat = localBalanceSat;
  }

  public Long getRemoteBalanceSat() {
    return remoteBalanceSat;
  }

  public void setRemoteBalanceSat(Long remoteBalanceSat) {
    this.remoteBalanceSat = remoteBalanceSat;
  }

  public Boolean getActive() {
    return active;
  }

  public void setActive(Boolean active) {
    this.active = active;
  }

  public String getClosingTxid() {
    return closingTxid;
  }

  public void setClosingTxid(String closingTxid) {
    this.closingTxid = closingTxid;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LightningChannelStatus other)) {
      return false;
    }
    return Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(state, other.state)
        && Objects.equals(channelPoint, other.channelPoint)
        && Objects.equals(channelId, other.channelId)
        && Objects.equals(remotePubkey, other.remotePubkey)
        && Objects.equals(capacitySat, other.capacitySat)
        && Objects.equals(localBalanceSat, other.localBalanceSat)
        && Objects.equals(remoteBalanceSat, other.remoteBalanceSat)
        && Objects.equals(active, other.active)
        && Objects.equals(closingTxid, other.closingTxid)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, state, channelPoint, channelId, remotePubkey, capacitySat, localBalanceSat, remoteBalanceSat, active, closingTxid, conditions);
  }
}
