package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator sees of a Lightning node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LightningNodeStatus implements io.blockyard.api.HasConditions {
  private Long observedGeneration;
  @JsonPropertyDescription("The chain the node runs on.")
  private String chain;
  @JsonPropertyDescription("The node's identity public key.")
  private String identityPubkey;
  @JsonPropertyDescription("How peers reach the node: pubkey@host:9735.")
  private String uri;
  private Boolean syncedToChain;
  private Boolean syncedToGraph;
  private Long blockHeight;
  @JsonPropertyDescription("Connected peers.")
  private Integer peers;
  private Integer activeChannels;
  private Integer pendingChannels;
  private Integer inactiveChannels;
  @JsonPropertyDescription("Confirmed on-chain wallet balance, in satoshis.")
  private Long onChainBalanceSat;
  @JsonPropertyDescription("Unconfirmed on-chain wallet balance, in satoshis.")
  private Long unconfirmedBalanceSat;
  @JsonPropertyDescription("What the node holds in its channels, in satoshis.")
  private Long channelLocalBalanceSat;
  @JsonPropertyDescription("What its peers hold in channels with it, in satoshis.")
  private Long channelRemoteBalanceSat;
  @JsonPropertyDescription("Ready, WalletReady and Synced.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getChain() {
    return chain;
  }

  public void setChain(String chain) {
    this.chain = chain;
  }

  public String getIdentityPubkey() {
    return identityPubkey;
  }

  public void setIdentityPubkey(String identityPubkey) {
    this.identityPubkey = identityPubkey;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public Boolean getSyncedToChain() {
    return syncedToChain;
  }

  public void setSyncedToChain(Boolean syncedToChain) {
    this.syncedToChain = syncedToChain;
  }

  public Boolean getSyncedToGraph() {
    return syncedToGraph;
  }

  public void setSyncedToGraph(Boolean syncedToGraph) {
    this.syncedToGraph = syncedToGraph;
  }

  public Long getBlockHeight() {
    return blockHeight;
  }

  public void setBlockHeight(Long blockHeight) {
    this.blockHeight = blockHeight;
  }

  public Integer getPeers() {
    return peers;
  }

  public void setPeers(Integer peers) {
    this.peers = peers;
  }

  public Integer getActiveChannels() {
    return activeChannels;
  }

  public void setActiveChannels(Integer activeChannels) {
    this.activeChannels = activeChannels;
  }

  public Integer getPendingChannels() {
    return pendingChannels;
  }

  public void setPendingChannels(Integer pendingChannels) {
    this.pendingChannels = pendingChannels;
  }

  public Integer getInactiveChannels() {
    return inactiveChannels;
  }

  public void setInactiveChannels(Integer inactiveChannels) {
    this.inactiveChannels = inactiveChannels;
  }

  public Long getOnChainBalanceSat() {
    return onChainBalanceSat;
  }

  public void setOnChainBalanceSat(Long onChainBalanceSat) {
    this.onChainBalanceSat = onChainBalanceSat;
  }

  public Long getUnconfirmedBalanceSat() {
    return unconfirmedBalanceSat;
  }

  public void setUnconfirmedBalanceSat(Long unconfirmedBalanceSat) {
    this.unconfirmedBalanceSat = unconfirmedBalanceSat;
  }

  public Long getChannelLocalBalanceSat() {
    return channelLocalBalanceSat;
  }

  public void setChannelLocalBalanceSat(Long channelLocalBalanceSat) {
    this.channelLocalBalanceSat = channelLocalBalanceSat;
  }

  public Long getChannelRemoteBalanceSat() {
    return channelRemoteBalanceSat;
  }

  public void setChannelRemoteBalanceSat(Long channelRemoteBalanceSat) {
    this.channelRemoteBalanceSat = channelRemoteBalanceSat;
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
    if (!(o instanceof LightningNodeStatus other)) {
      return false;
    }
    return Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(chain, other.chain)
        && Objects.equals(identityPubkey, other.identityPubkey)
        && Objects.equals(uri, other.uri)
        && Objects.equals(syncedToChain, other.syncedToChain)
        && Objects.equals(syncedToGraph, other.syncedToGraph)
        && Objects.equals(blockHeight, other.blockHeight)
        && Objects.equals(peers, other.peers)
        && Objects.equals(activeChannels, other.activeChannels)
        && Objects.equals(pendingChannels, other.pendingChannels)
        && Objects.equals(inactiveChannels, other.inactiveChannels)
        && Objects.equals(onChainBalanceSat, other.onChainBalanceSat)
        && Objects.equals(unconfirmedBalanceSat, other.unconfirmedBalanceSat)
        && Objects.equals(channelLocalBalanceSat, other.channelLocalBalanceSat)
        && Objects.equals(channelRemoteBalanceSat, other.channelRemoteBalanceSat)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, chain, identityPubkey, uri, syncedToChain, syncedToGraph, blockHeight, peers, activeChannels, pendingChannels, inactiveChannels, onChainBalanceSat, unconfirmedBalanceSat, channelLocalBalanceSat, channelRemoteBalanceSat, conditions);
  }
}
