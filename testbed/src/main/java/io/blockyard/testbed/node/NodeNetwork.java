package io.blockyard.testbed.node;

import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's own network namespace, joined to the host by a veth pair. containerd, the kubelet and kube-proxy run
 * inside it, so their bridge, iptables chains and sysctls are the node's alone: a second test bed beside this one
 * and the host's own rules are never touched, and removing the namespace removes all of it. The host routes the
 * test bed's pod and Service ranges to the node, so it reaches pods and ClusterIPs as a cluster member would.
 */
public final class NodeNetwork {
  private final String name;
  private final NodeAddresses addresses;
  /** Only a network this instance made is this instance's to remove (a refused second test bed leaves the first's). */
  private boolean created;

  public NodeNetwork(String name, NodeAddresses addresses) {
    if (name.length() > 6 || !name.matches("[a-z][a-z0-9]*")) {
      throw new TestbedException("node name '" + name + "' must be 1-6 lower-case letters or digits");
    }
    this.name = name;
    this.addresses = addresses;
  }

  public String namespace() {
    return namespace(name);
  }

  static String namespace(String name) {
    return name + "-node";
  }

  public String hostLink() {
    return name + "h0";
  }

  /** The pods' bridge, inside the node's namespace. */
  public String bridge() {
    return name + "br0";
  }

  /** A command run inside the node's network namespace (the mount namespace stays the host's). */
  public List<String> inNode(List<String> command) {
    List<String> all = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace(), "--"));
    all.addAll(command);
    return all;
  }

  public void create() {
    Shell.requireTool("ip");
    Shell.requireTool("nsenter");
    Shell.requireTool("iptables");
    if (Shell.runAllowingFailure("ip", "netns", "pids", namespace()).exitCode() == 0
        || Shell.runAllowingFailure("ip", "link", "show", hostLink()).exitCode() == 0) {
      throw new TestbedException("network namespace " + namespace() + " or link " + hostLink() + " already exists: "
          + "another test bed named '" + name + "' is running, or one crashed; stop it (make playground-down) or "
          + "remove it with 'ip netns del " + namespace() + "'");
    }
    String ns = namespace();
    roomForNeighbours(addresses.maxPods());
    created = true;
    try {
      Shell.run("ip", "netns", "add", ns);
      Shell.run("ip", "link", "add", hostLink(), "type", "veth", "peer", "name", "eth0", "netns", ns);
      Shell.run("ip", "addr", "add", addresses.hostIp() + addresses.linkCidrSuffix(), "dev", hostLink());
      Shell.run("ip", "link", "set", hostLink(), "up");
      Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
      Shell.run("ip", "-n", ns, "addr", "add", addresses.nodeIp() + addresses.linkCidrSuffix(), "dev", "eth0");
      Shell.run("ip", "-n", ns, "link", "set", "eth0", "up");
      Shell.run("ip", "-n", ns, "route", "add", "default", "via", addresses.hostIp());
      // The bridge exists before the first pod, with the gateway address, so that the node is reachable at once.
      Shell.run("ip", "-n", ns, "link", "add", bridge(), "type", "bridge");
      Shell.run("ip", "-n", ns, "addr", "add", addresses.bridgeGateway() + addresses.podCidrSuffix(), "dev", bridge());
      Shell.run("ip", "-n", ns, "link", "set", bridge(), "up");
      // Forwarding and bridged traffic through iptables (Services between pods on one bridge): the node's own.
      Shell.run(inNode(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1")).toArray(String[]::new));
      Shell.run(inNode(List.of("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=1")).toArray(String[]::new));
      Shell.run("ip", "route", "add", addresses.podCidr(), "via", addresses.nodeIp(), "dev", hostLink());
      Shell.run("ip", "route", "add", addresses.serviceCidr(), "via", addresses.nodeIp(), "dev", hostLink());
    } catch (RuntimeException e) {
      delete();
      throw e;
    }
  }

  /**
   * The kernel's ARP table is one for every network namespace, 1,024 entries by default, and each pod's namespace
   * holds its own entries for the bridge and its peers: past a few hundred pods new neighbours are refused
   * ("neighbor table overflow") and connections time out. Raised to fit this node's pods, never lowered.
   */
  static void roomForNeighbours(int pods) {
    int[] wanted = {8 * pods, 16 * pods, 32 * pods};
    for (int i = 0; i < wanted.length; i++) {
      java.nio.file.Path setting = Path.of("/proc/sys/net/ipv4/neigh/default/gc_thresh" + (i + 1));
      try {
        if (Integer.parseInt(Files.readString(setting).trim()) < wanted[i]) {
          Files.writeString(setting, Integer.toString(wanted[i]));
        }
      } catch (IOException | NumberFormatException e) {
        throw new TestbedException("cannot raise " + setting + " to " + wanted[i] + " for " + pods + " pods: " + e);
      }
    }
  }

  /** Removes the namespace (its bridge, veths and iptables chains go with it) and the host's end of the link. */
  public void delete() {
    if (created) {
      sweep(name);
      created = false;
    }
  }

  /** Removes whatever a test bed of this name left of its network; returns what it removed. */
  public static List<String> sweep(String name) {
    List<String> removed = leftovers(name);
    for (String item : removed) {
      String[] kindAndName = item.split(" ", 2);
      if (kindAndName[0].equals("netns")) {
        for (String pid : Shell.runAllowingFailure("ip", "netns", "pids", kindAndName[1]).output().split("\\s+")) {
          if (pid.matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        Shell.runAllowingFailure("ip", "netns", "del", kindAndName[1]);
      } else {
        Shell.runAllowingFailure("ip", "link", "del", kindAndName[1]);
      }
    }
    return removed;
  }

  /** What is left of this test bed's network on the host: its namespace and host links. Empty once torn down. */
  public static List<String> leftovers(String name) {
    List<String> left = new ArrayList<>();
    for (String line : Shell.run("ip", "netns", "list").split("\n")) {
      String ns = line.split("\\s+")[0];
      if (ns.equals(namespace(name))) {
        left.add("netns " + ns);
      }
    }
    for (String line : Shell.run("ip", "-o", "link", "show").split("\n")) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1) {
        String link = parts[1].split("@")[0];
        if (link.equals(name + "h0")) {
          left.add("link " + link);
        }
      }
    }
    return left;
  }
}
