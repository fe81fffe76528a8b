package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator sees of a network: the answers to a user's first questions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BitcoinNetworkStatus implements io.blockyard.api.HasConditions {
  private Long observedGeneration;
  @StatusReplicas
  private Integer replicas;
  private Integer readyReplicas;
  /** Label selector of the nodes' pods, for the scale subresource. */
  @LabelSelector
  private String selector;
  private Long blockHeight;
  private String bestBlockHash;
  private List<NodeStatus> nodes = new ArrayList<>();
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public Long getBlockHeight() {
    return blockHeight;
  }

  public void setBlockHeight(Long blockHeight) {
    this.blockHeight = blockHeight;
  }

  public String getBestBlockHash() {
    return bestBlockHash;
  }

  public void setBestBlockHash(String bestBlockHash) {
    this.bestBlockHash = bestBlockHash;
  }

  public List<NodeStatus> getNodes() {
    return nodes;
  }

  public void setNodes(List<NodeStatus> nodes) {
    this.nodes = nodes;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitcoinNetworkStatus s && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(replicas, s.replicas) && Objects.equals(readyReplicas, s.readyReplicas)
        && Objects.equals(selector, s.selector) && Objects.equals(blockHeight, s.blockHeight)
        && Objects.equals(bestBlockHash, s.bestBlockHash) && Objects.equals(nodes, s.nodes)
        && Objects.equals(conditions, s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, replicas, readyReplicas, selector, blockHeight, bestBlockHash, nodes,
        conditions);
  }
}
