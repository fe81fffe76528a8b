package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator sees of one node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeStatus {
  private Integer ordinal;
  private String pod;
  private Boolean ready;
  private String ip;
  private String dnsName;
  private Long blockHeight;
  private Integer peers;
  private List<String> addedNodes = new ArrayList<>();

  public Integer getOrdinal() {
    return ordinal;
  }

  public void setOrdinal(Integer ordinal) {
    this.ordinal = ordinal;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public Boolean getReady() {
    return ready;
  }

  public void setReady(Boolean ready) {
    this.ready = ready;
  }

  public String getIp() {
    return ip;
  }

  public void setIp(String ip) {
    this.ip = ip;
  }

  public String getDnsName() {
    return dnsName;
  }

  public void setDnsName(String dnsName) {
    this.dnsName = dnsName;
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

  public List<String> getAddedNodes() {
    return addedNodes;
  }

  public void setAddedNodes(List<String> addedNodes) {
    this.addedNodes = addedNodes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeStatus n && Objects.equals(ordinal, n.ordinal) && Objects.equals(pod, n.pod)
        && Objects.equals(ready, n.ready) && Objects.equals(ip, n.ip) && Objects.equals(dnsName, n.dnsName)
        && Objects.equals(blockHeight, n.blockHeight) && Objects.equals(peers, n.peers)
        && Objects.equals(addedNodes, n.addedNodes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ordinal, pod, ready, ip, dnsName, blockHeight, peers, addedNodes);
  }
}
