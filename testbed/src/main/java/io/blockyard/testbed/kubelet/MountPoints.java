package io.blockyard.testbed.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mount targets that did not exist on the host (a container path such as {@code /data}): they are created for the
 * bind mounts in the containers' private mount namespaces and removed again when the kubelet stops.
 */
final class MountPoints {
  private final List<Path> created = new ArrayList<>();

  synchronized void ensure(Path target, boolean directory) throws IOException {
    if (Files.exists(target)) {
      return;
    }
    Path missing = target;
    while (missing.getParent() != null && !Files.exists(missing.getParent())) {
      missing = missing.getParent();
    }
    List<Path> chain = new ArrayList<>();
    for (Path p = target; p != null && p.startsWith(missing); p = p.getParent()) {
      chain.add(0, p);
    }
    for (Path p : chain) {
      if (p.equals(target) && !directory) {
        Files.createFile(p);
      } else {
        Files.createDirectory(p);
      }
      created.add(p);
    }
  }

  /** Removes what {@link #ensure} created, deepest first, as long as it is empty (nothing is ever lost). */
  synchronized void removeAll() {
    for (int i = created.size() - 1; i >= 0; i--) {
      Path p = created.get(i);
      try {
        if (Files.isDirectory(p)) {
          try (var entries = Files.list(p)) {
            if (entries.findAny().isPresent()) {
              continue;
            }
          }
        } else if (Files.size(p) > 0) {
          continue;
        }
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // Still mounted somewhere or already gone: leave it.
      }
    }
    created.clear();
  }
}
