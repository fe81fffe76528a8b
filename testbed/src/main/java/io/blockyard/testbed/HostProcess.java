package io.blockyard.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One long-running program of the control plane (etcd, kube-apiserver, ...), logging to a file. */
public final class HostProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private HostProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static HostProcess start(String name, List<String> command, Path log, Map<String, String> env) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      return new HostProcess(name, p, log);
    } catch (IOException e) {
      throw new TestbedException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Throws with the end of the log when the program has already exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new TestbedException(name + " exited with code " + process.exitValue() + "; last lines of " + log
          + ":\n" + tail(log, 20));
    }
  }

  public static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL after the grace period. */
  @Override
  public void close() {
    stop(process, 10);
  }

  public static void stop(Process process, long graceSeconds) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
