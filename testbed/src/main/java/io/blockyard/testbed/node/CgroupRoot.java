package io.blockyard.testbed.node;

import io.blockyard.testbed.TestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The node's own cgroup, {@code /blockyard-<name>}, in every cgroup v1 hierarchy (and the unified one runc also
 * writes to): the kubelet puts its QoS classes and pods under it, so a test bed never touches another's cgroups, and
 * teardown can find every process it started.
 */
public final class CgroupRoot {
  static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");
  private final String name;

  public CgroupRoot(String name) {
    this.name = "blockyard-" + name;
  }

  /** The kubelet's {@code cgroupRoot}. */
  public String path() {
    return "/" + name;
  }

  public void create() {
    for (Path hierarchy : hierarchies()) {
      Path dir = hierarchy.resolve(name);
      try {
        Files.createDirectories(dir);
        // A new cpuset cgroup has no CPUs or memory nodes until given its parent's.
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
          if (Files.exists(hierarchy.resolve(file))) {
            Files.writeString(dir.resolve(file), Files.readString(hierarchy.resolve(file)).strip());
          }
        }
      } catch (IOException e) {
        throw new TestbedException("cannot create cgroup " + dir + ": " + e.getMessage()
            + " (the test bed needs root and a writable /sys/fs/cgroup)", e);
      }
    }
  }

  /** Every process in the node's cgroups (containers, shims that joined them), in any hierarchy. */
  public List<Long> processes() {
    List<Long> pids = new ArrayList<>();
    for (Path dir : existing()) {
      try {
        for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
          if (!line.isBlank() && !pids.contains(Long.parseLong(line.strip()))) {
            pids.add(Long.parseLong(line.strip()));
          }
        }
      } catch (IOException e) {
        // a cgroup that went away meanwhile has no processes
      }
    }
    return pids;
  }

  /** Kills what is left inside, then removes the cgroups, deepest first. */
  public void delete() {
    for (int attempt = 0; attempt < 50; attempt++) {
      List<Long> left = processes();
      if (left.isEmpty()) {
        break;
      }
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      sleep(100);
    }
    for (int attempt = 0; attempt < 50 && !existing().isEmpty(); attempt++) {
      for (Path dir : existing()) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // busy for a moment after its last process died; retried
        }
      }
      if (!existing().isEmpty()) {
        sleep(100);
      }
    }
  }

  /** The node's cgroup directories that still exist, deepest first. Empty once torn down. */
  public List<Path> existing() {
    List<Path> dirs = new ArrayList<>();
    for (Path hierarchy : hierarchies()) {
      Path root = hierarchy.resolve(name);
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
          dirs.add(root);
        }
      }
    }
    dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return dirs;
  }

  private static List<Path> hierarchies() {
    try (Stream<Path> list = Files.list(CGROUP_FS)) {
      return list.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).sorted().toList();
    } catch (IOException e) {
      throw new TestbedException("cannot list " + CGROUP_FS + ": " + e.getMessage(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
