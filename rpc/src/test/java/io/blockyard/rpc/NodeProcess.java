package io.blockyard.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A node program running for a test, with its own data directory and log; closing it stops
 * the process (and anything it spawned) and deletes the directory.
 */
final class NodeProcess implements AutoCloseable {

  /** Processes still running, stopped by a shutdown hook if the JVM dies before the tests. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(p -> {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }), "stop-test-nodes"));
  }

  private final String name;
  private final Path dataDir;
  private final Path log;
  private final Process process;

  private NodeProcess(String name, Path dataDir, Path log, Process process) {
    this.name = name;
    this.dataDir = dataDir;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code command} with its output appended to {@code dataDir/output.log}. */
  static NodeProcess start(String name, Path dataDir, List<String> command) throws IOException {
    Path log = dataDir.resolve("output.log");
    Process process = new ProcessBuilder(command)
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    RUNNING.add(process);
    return new NodeProcess(name, dataDir, log, process);
  }

  String name() {
    return name;
  }

  Path dataDir() {
    return dataDir;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of the program's output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the program but keeps its directory, e.g. to start it again on the same data. */
  void stopKeepingData() throws InterruptedException {
    try {
      stop(Duration.ofSeconds(10));
    } finally {
      RUNNING.remove(process);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stop(Duration.ofSeconds(10));
    } finally {
      RUNNING.remove(process);
      deleteRecursively(dataDir);
    }
  }

  private void stop(Duration grace) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", " + dataDir + ")";
  }
}
