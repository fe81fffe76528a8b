package io.blockyard.testbed.node;

import io.blockyard.testbed.HostProcess;
import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * containerd (Debian's package) for one node: its own config, root, state, sockets, runc root and CNI
 * configuration, all under the node's directory, started inside the node's network namespace so that the CNI
 * bridge plugin builds pod networks there.
 */
public final class Containerd implements AutoCloseable {
  /** The namespace the kubelet's CRI calls use; images must be imported into it. */
  public static final String K8S_NAMESPACE = "k8s.io";
  private static final Path CNI_BIN = Path.of("/usr/lib/cni");
  /** Port 9 (discard) on loopback: nothing listens there, so a pull is refused at once. */
  private static final String NO_REGISTRY = """
      server = "http://127.0.0.1:9"
      [host."http://127.0.0.1:9"]
        capabilities = ["pull", "resolve"]
      """;

  private final Path dir;
  private final NodeNetwork network;
  private final NodeAddresses addresses;
  private final String sandboxImage;
  private HostProcess process;

  public Containerd(Path dir, NodeNetwork network, NodeAddresses addresses, String sandboxImage) {
    this.dir = dir;
    this.network = network;
    this.addresses = addresses;
    this.sandboxImage = sandboxImage;
  }

  public Path socket() {
    return dir.resolve("containerd.sock");
  }

  public Path state() {
    return dir.resolve("state");
  }

  public void start() {
    Shell.requireTool("containerd");
    Shell.requireTool("ctr");
    Shell.requireTool("runc");
    if (!Files.isExecutable(CNI_BIN.resolve("bridge"))) {
      throw new TestbedException("the test bed needs the CNI plugins in " + CNI_BIN
          + ", which are not installed: apt-get install containernetworking-plugins");
    }
    try {
      Files.createDirectories(dir.resolve("net.d"));
      Files.writeString(dir.resolve("net.d/10-blockyard.conflist"), cniConfig());
      Files.writeString(dir.resolve("config.toml"), config());
      for (String registry : List.of("_default", "docker.io")) {
        Files.createDirectories(dir.resolve("certs.d").resolve(registry));
        Files.writeString(dir.resolve("certs.d").resolve(registry).resolve("hosts.toml"), NO_REGISTRY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process = HostProcess.start("containerd", network.inNode(List.of("containerd", "--config",
        dir.resolve("config.toml").toString())), dir.resolve("containerd.log"), Map.of());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (ctrAllowingFailure("version").exitCode() != 0) {
      process.checkAlive();
      if (System.nanoTime() > deadline) {
        throw new TestbedException("containerd did not answer on " + socket() + " within 30 s; see "
            + process.log());
      }
      sleep(100);
    }
  }

  /** Imports an image archive (docker or OCI) into the kubelet's namespace. */
  public void importImage(Path archive) {
    Shell.Result r = Shell.runAllowingFailure(300, "ctr", "--address", socket().toString(), "-n", K8S_NAMESPACE,
        "images", "import", "--no-unpack", archive.toString());
    if (r.exitCode() != 0) {
      throw new TestbedException("cannot import image archive " + archive + " into containerd: "
          + r.output().strip());
    }
  }

  /**
   * Gives an imported image another reference (as {@code docker tag} does). References are matched as the kubelet
   * writes them, whatever default registry containerd put in front of a short name.
   */
  public void tag(String reference, String newReference) {
    String stored = images().stream().filter(r -> r.equals(reference) || r.endsWith("/" + reference)).findFirst()
        .orElseThrow(() -> new TestbedException("no image " + reference + " in the node's containerd; it has "
            + images()));
    String prefix = stored.substring(0, stored.length() - reference.length());
    ctr("images", "tag", "--force", stored, prefix + newReference);
  }

  public List<String> images() {
    List<String> refs = new ArrayList<>();
    for (String line : ctr("images", "ls", "-q").split("\n")) {
      if (!line.isBlank()) {
        refs.add(line.strip());
      }
    }
    return refs;
  }

  public String ctr(String... args) {
    Shell.Result r = ctrAllowingFailure(args);
    if (r.exitCode() != 0) {
      throw new TestbedException("ctr " + String.join(" ", args) + " failed: " + r.output().strip());
    }
    return r.output();
  }

  private Shell.Result ctrAllowingFailure(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ctr", "--address", socket().toString(), "-n", K8S_NAMESPACE));
    cmd.addAll(List.of(args));
    return Shell.runAllowingFailure(60, cmd.toArray(String[]::new));
  }

  public void checkAlive() {
    if (process != null) {
      process.checkAlive();
    }
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Deletes every task (its shim exits and removes its socket), then stops containerd. What the pods had mounted
   * under the state directory (network namespaces) is the node's to unmount.
   */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
      Shell.Result tasks = ctrAllowingFailure("tasks", "ls", "-q");
      if (tasks.exitCode() == 0) {
        for (String id : tasks.output().split("\n")) {
          if (!id.isBlank()) {
            ctrAllowingFailure("tasks", "delete", "--force", id.strip());
          }
        }
      }
    }
    process.close();
    process = null;
  }

  private String config() {
    return """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        [grpc]
          address = "%1$s/containerd.sock"
        [ttrpc]
          address = "%1$s/containerd.sock.ttrpc"
        [debug]
          address = "%1$s/debug.sock"
        [plugins."io.containerd.internal.v1.opt"]
          path = "%1$s/opt"
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%2$s"
          # root here cannot lower a container's oom_score_adj (no CAP_SYS_RESOURCE): runc would fail to start it.
          restrict_oom_score_adj = true
          netns_mounts_under_state_dir = true
          enable_selinux = false
          disable_apparmor = true
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                SystemdCgroup = false
                Root = "%1$s/runc"
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "%3$s"
            conf_dir = "%1$s/net.d"
          # No image is ever pulled: every registry resolves to a closed loopback port, so a missing image fails
          # at once with the kubelet's own reason instead of reaching out.
          [plugins."io.containerd.grpc.v1.cri".registry]
            config_path = "%1$s/certs.d"
        """.formatted(dir, sandboxImage, CNI_BIN);
  }

  private String cniConfig() {
    return """
        {
          "cniVersion": "0.4.0",
          "name": "blockyard",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "dataDir": "%s",
                "ranges": [[{"subnet": "%s", "rangeStart": "%s", "rangeEnd": "%s", "gateway": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}]
              }
            },
            {"type": "portmap", "capabilities": {"portMappings": true}}
          ]
        }
        """.formatted(network.bridge(), dir.resolve("ipam"), addresses.podCidr(), addresses.firstPodIp(),
        addresses.lastPodIp(), addresses.bridgeGateway());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestbedException("interrupted while waiting for containerd");
    }
  }
}
