package io.blockyard.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The operator's JVMs that run in a test bed's containers, as the host's /proc shows them. */
public final class OperatorProcesses {
  static final String MAIN = "io.blockyard.operator.OperatorMain";

  private OperatorProcesses() {}

  /** The real uid of each operator process in the cgroup of test bed {@code name} (its containers). */
  public static List<Long> uidsOnNode(String name) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .filter(p -> read(p.resolve("cgroup")).contains("/blockyard-" + name + "/"))
          .filter(p -> read(p.resolve("cmdline")).contains(MAIN))
          .map(p -> read(p.resolve("status")).lines().filter(l -> l.startsWith("Uid:")).findFirst()
              .map(l -> Long.parseLong(l.split("\\s+")[1])).orElse(-1L))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return ""; // the process ended meanwhile
    }
  }
}
