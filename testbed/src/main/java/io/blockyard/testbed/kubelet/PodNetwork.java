package io.blockyard.testbed.kubelet;

import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Pod networking on one host: a bridge that owns the first address of a /24 pod CIDR, and for each pod a network
 * namespace joined to the bridge by a veth pair, with its own address. The host reaches every pod by IP; pods reach
 * each other and the host through the bridge.
 *
 * <p>Every name this class creates starts with {@code prefix}, so that {@link #sweep(String)} can remove what a
 * crashed run left behind.
 */
public final class PodNetwork {
  private final String prefix;
  private final String bridge;
  private final String base;
  private final BitSet used = new BitSet(256);
  /** Addresses are handed out round-robin, so that a replaced pod gets a new IP as in a real cluster. */
  private int next = 2;

  /**
   * @param prefix a short name (at most 6 characters) that every bridge, veth and namespace name starts with
   * @param podCidr a /24 such as {@code 10.213.0.0/24}
   */
  public PodNetwork(String prefix, String podCidr) {
    if (prefix.length() > 6 || !prefix.matches("[a-z][a-z0-9]*")) {
      throw new TestbedException("pod network prefix '" + prefix + "' must be 1-6 lower-case letters or digits");
    }
    if (!podCidr.matches("\\d+\\.\\d+\\.\\d+\\.0/24")) {
      throw new TestbedException("pod CIDR '" + podCidr + "' must be a /24 such as 10.213.0.0/24");
    }
    this.prefix = prefix;
    this.bridge = prefix + "br0";
    this.base = podCidr.substring(0, podCidr.lastIndexOf('.') + 1);
    used.set(0);
    used.set(1);
    used.set(255);
  }

  public String gateway() {
    return base + "1";
  }

  public String podCidr() {
    return base + "0/24";
  }

  public void createBridge() {
    Shell.requireTool("ip");
    if (Shell.runAllowingFailure("ip", "link", "show", bridge).exitCode() == 0) {
      throw new TestbedException("network bridge " + bridge + " already exists: another test bed with prefix '"
          + prefix + "' is running, or one crashed; stop it (make playground-down) or remove it with "
          + "'ip link del " + bridge + "'");
    }
    Shell.run("ip", "link", "add", bridge, "type", "bridge");
    Shell.run("ip", "addr", "add", gateway() + "/24", "dev", bridge);
    Shell.run("ip", "link", "set", bridge, "up");
  }

  /** Name of a pod's network namespace (also visible under /run/netns). */
  public String namespaceName(String podUid) {
    return prefix + "-" + podUid;
  }

  /** Creates the pod's namespace and returns its IP. */
  public synchronized String attach(String podUid) {
    int host = used.nextClearBit(next);
    if (host >= 255) {
      host = used.nextClearBit(2);
    }
    if (host >= 255) {
      throw new TestbedException("pod CIDR " + podCidr() + " is full (253 pods)");
    }
    used.set(host);
    next = host + 1;
    String ns = namespaceName(podUid);
    String ip = base + host;
    String veth = prefix + "v" + host;
    try {
      Shell.run("ip", "netns", "add", ns);
      Shell.run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
      Shell.run("ip", "link", "set", veth, "master", bridge, "up");
      Shell.run("ip", "-n", ns, "addr", "add", ip + "/24", "dev", "eth0");
      Shell.run("ip", "-n", ns, "link", "set", "eth0", "up");
      Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
      Shell.run("ip", "-n", ns, "route", "add", "default", "via", gateway());
      return ip;
    } catch (RuntimeException e) {
      detach(podUid, ip);
      throw e;
    }
  }

  /** Removes the namespace (which takes its veth pair with it) and frees the address. */
  public synchronized void detach(String podUid, String ip) {
    killProcessesIn(namespaceName(podUid));
    Shell.runAllowingFailure("ip", "netns", "del", namespaceName(podUid));
    if (ip != null && ip.startsWith(base)) {
      int host = Integer.parseInt(ip.substring(base.length()));
      Shell.runAllowingFailure("ip", "link", "del", prefix + "v" + host);
      used.clear(host);
    }
  }

  public void deleteBridge() {
    Shell.runAllowingFailure("ip", "link", "del", bridge);
  }

  /** Removes every namespace and link whose name starts with the prefix; returns what it removed. */
  public static List<String> sweep(String prefix) {
    List<String> removed = leftovers(prefix);
    for (String item : removed) {
      String[] kindAndName = item.split(" ", 2);
      if (kindAndName[0].equals("netns")) {
        killProcessesIn(kindAndName[1]);
        Shell.runAllowingFailure("ip", "netns", "del", kindAndName[1]);
      } else {
        Shell.runAllowingFailure("ip", "link", "del", kindAndName[1]);
      }
    }
    return removed;
  }

  /** A crashed kubelet can leave container processes behind: whatever still runs in the namespace is killed. */
  private static void killProcessesIn(String namespace) {
    for (String pid : Shell.runAllowingFailure("ip", "netns", "pids", namespace).output().split("\\s+")) {
      if (pid.matches("\\d+")) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** What is left of this prefix on the host: namespaces and links. Empty after a clean teardown. */
  public static List<String> leftovers(String prefix) {
    List<String> left = new ArrayList<>();
    for (String line : Shell.run("ip", "netns", "list").split("\n")) {
      String name = line.split("\\s+")[0];
      if (name.startsWith(prefix + "-")) {
        left.add("netns " + name);
      }
    }
    for (String line : Shell.run("ip", "-o", "link", "show").split("\n")) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1) {
        String name = parts[1].split("@")[0];
        if (name.startsWith(prefix + "v") || name.equals(prefix + "br0")) {
          left.add("link " + name);
        }
      }
    }
    return left;
  }
}
