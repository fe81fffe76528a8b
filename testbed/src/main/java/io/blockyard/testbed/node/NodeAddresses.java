package io.blockyard.testbed.node;

import io.blockyard.testbed.TestbedException;

/**
 * Every address of one test bed, carved out of its own /24 so that two test beds never share a route: pods in the
 * lower half (the bridge holds the first address), Services in the next quarter, and a /30 that links the host to
 * the node's network namespace (the API server listens on the host's end, the kubelet on the node's end).
 */
public record NodeAddresses(String base) {
  public static NodeAddresses of(String cidr24) {
    if (!cidr24.matches("\\d+\\.\\d+\\.\\d+\\.0/24")) {
      throw new TestbedException("pod CIDR '" + cidr24 + "' must be a /24 such as 10.213.0.0/24: the test bed "
          + "takes its pod, Service and node addresses from it");
    }
    return new NodeAddresses(cidr24.substring(0, cidr24.lastIndexOf('.') + 1));
  }

  /** The /24 the test bed owns. */
  public String range() {
    return base + "0/24";
  }

  public String podCidr() {
    return base + "0/25";
  }

  public String bridgeGateway() {
    return base + "1";
  }

  /** host-local IPAM hands out these. */
  public String firstPodIp() {
    return base + "2";
  }

  public String lastPodIp() {
    return base + "126";
  }

  public String serviceCidr() {
    return base + "128/26";
  }

  /** The {@code kubernetes} Service: the first address of the Service range. */
  public String kubernetesServiceIp() {
    return base + "129";
  }

  /** The cluster DNS Service, at a fixed address the kubelet hands to every pod. */
  public String clusterDnsIp() {
    return base + "138";
  }

  /** The host's end of the link: the API server listens here, reachable from the host and from pods. */
  public String hostIp() {
    return base + "253";
  }

  /** The node's InternalIP: the kubelet, containerd's streams and kube-proxy's node ports. */
  public String nodeIp() {
    return base + "254";
  }

  public String linkCidrSuffix() {
    return "/30";
  }
}
