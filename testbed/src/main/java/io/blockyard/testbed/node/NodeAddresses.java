package io.blockyard.testbed.node;

import io.blockyard.testbed.TestbedException;

/**
 * Every address of one test bed, carved out of its own range (a /24 by default, up to a /16 for a fleet of pods) so
 * that two test beds never share a route: pods in the lower half (the bridge holds the first address), Services in
 * the next quarter, and a /30 at the top that links the host to the node's network namespace (the API server
 * listens on the host's end, the kubelet on the node's end). For a /24 that is pods in .0/25, Services in .128/26,
 * the host at .253 and the node at .254.
 */
public record NodeAddresses(int network, int prefix) {
  /** The widest range a test bed takes: 32,766 pod addresses. */
  static final int WIDEST = 16;
  /** The narrowest: the layout needs a quarter of at least 64 Services' addresses. */
  static final int NARROWEST = 24;

  public static NodeAddresses of(String range) {
    String[] parts = range.split("/");
    if (parts.length != 2 || !parts[0].matches("\\d+\\.\\d+\\.\\d+\\.\\d+") || !parts[1].matches("\\d+")) {
      throw invalid(range, "is not an IPv4 range such as 10.213.0.0/24");
    }
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < WIDEST || prefix > NARROWEST) {
      throw invalid(range, "must be a /" + NARROWEST + " or wider, up to a /" + WIDEST);
    }
    int address = 0;
    for (String octet : parts[0].split("\\.")) {
      int value = Integer.parseInt(octet);
      if (value > 255) {
        throw invalid(range, "has an octet above 255");
      }
      address = address << 8 | value;
    }
    if ((address & ~mask(prefix)) != 0) {
      throw invalid(range, "does not start at its first address (" + dotted(address & mask(prefix)) + "/" + prefix
          + ")");
    }
    return new NodeAddresses(address, prefix);
  }

  private static TestbedException invalid(String range, String why) {
    return new TestbedException("pod CIDR '" + range + "' " + why + ": the test bed takes its pod, Service and node "
        + "addresses from it (a /24 such as 10.213.0.0/24 holds 120 pods; a /22 such as 10.214.0.0/22, 500)");
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  private static String dotted(int address) {
    return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
  }

  private int size() {
    return 1 << (32 - prefix);
  }

  private String at(int offset) {
    return dotted(network + offset);
  }

  /** The range the test bed owns. */
  public String range() {
    return at(0) + "/" + prefix;
  }

  public String podCidr() {
    return at(0) + "/" + (prefix + 1);
  }

  /** The pod range's prefix length, for the bridge's own address. */
  public String podCidrSuffix() {
    return "/" + (prefix + 1);
  }

  public String bridgeGateway() {
    return at(1);
  }

  /** host-local IPAM hands out these. */
  public String firstPodIp() {
    return at(2);
  }

  public String lastPodIp() {
    return at(size() / 2 - 2);
  }

  /** The kubelet's pod limit: the pod addresses, less a few that host-local IPAM may still hold for pods gone. */
  public int maxPods() {
    return size() / 2 - 8;
  }

  public String serviceCidr() {
    return at(size() / 2) + "/" + (prefix + 2);
  }

  /** The {@code kubernetes} Service: the first address of the Service range. */
  public String kubernetesServiceIp() {
    return at(size() / 2 + 1);
  }

  /** The cluster DNS Service, at a fixed address the kubelet hands to every pod. */
  public String clusterDnsIp() {
    return at(size() / 2 + 10);
  }

  /** The host's end of the link: the API server listens here, reachable from the host and from pods. */
  public String hostIp() {
    return at(size() - 3);
  }

  /** The node's InternalIP: the kubelet, containerd's streams and kube-proxy's node ports. */
  public String nodeIp() {
    return at(size() - 2);
  }

  public String linkCidrSuffix() {
    return "/30";
  }
}
