package io.blockyard.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build script: warm runs rebuild nothing, and a failed build says which program and why. */
class BuildToolsTest {
  static Path script() {
    return Path.of("tools/build-tools.sh").toAbsolutePath();
  }

  @Test
  void aWarmRunRebuildsNothing() {
    Programs.locate().ensure("etcd", "kubernetes", "btcd", "lnd", "bcoin");
    long start = System.nanoTime();
    Shell.Result r = Shell.runAllowingFailure("bash", script().toString(), "all");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).doesNotContain("building").contains("btcd ready").contains("lnd ready");
    assertThat(millis).as("a warm run only checks markers").isLessThan(5_000);
  }

  @Test
  void anUnknownProgramIsNamedWithTheKnownOnes() {
    Shell.Result r = Shell.runAllowingFailure("bash", script().toString(), "bitcoin-qt");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("unknown program 'bitcoin-qt'").contains("btcd lnd bcoin");
  }

  @Test
  void aFailedBuildSaysWhichProgramAndShowsWhy(@TempDir Path cache) {
    Shell.Result r = Shell.runAllowingFailure(300, "env", "BLOCKYARD_CACHE=" + cache,
        "BTCD_VERSION=v0.0.0-blockyard-no-such-version", "bash", script().toString(), "btcd");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("FAILED to build btcd").contains("v0.0.0-blockyard-no-such-version");
  }

  /** With an empty cache and no Go or Node.js on PATH, the build names the missing tool and how to get it. */
  @Test
  void aMissingGoOrNodeIsNamedWithHowToInstallIt(@TempDir Path cache, @TempDir Path bin) throws Exception {
    for (String tool : new String[] {"mkdir", "flock"}) {
      java.nio.file.Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
    }
    Shell.Result go = Shell.runAllowingFailure("env", "PATH=" + bin, "BLOCKYARD_CACHE=" + cache, "/bin/bash",
        script().toString(), "btcd");
    assertThat(go.exitCode()).isEqualTo(3);
    assertThat(go.output()).contains("build-tools: 'go' is not installed; install Go");
    Shell.Result node = Shell.runAllowingFailure("env", "PATH=" + bin, "BLOCKYARD_CACHE=" + cache, "/bin/bash",
        script().toString(), "bcoin");
    assertThat(node.exitCode()).isEqualTo(3);
    assertThat(node.output()).contains("build-tools: 'node' is not installed; install Node.js 20");
  }
}
