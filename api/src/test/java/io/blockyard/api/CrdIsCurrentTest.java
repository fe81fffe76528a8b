package io.blockyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRDs under deploy/crds/ are what the crd-generator makes of the Java model; CI fails when they are stale. */
class CrdIsCurrentTest {
  static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  static final Path CHECKED_IN = Path.of("../deploy/crds");

  static List<String> generatedCrds() throws Exception {
    try (Stream<Path> files = Files.list(GENERATED)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("generatedCrds")
  void theCheckedInCrdIsTheGeneratedOne(String file) throws Exception {
    Path checkedIn = CHECKED_IN.resolve(file);
    assertThat(checkedIn).as("deploy/crds/%s is missing: run 'make crds' and commit the result", file).exists();
    assertThat(Files.readString(checkedIn))
        .as("deploy/crds/%s is stale: run 'make crds' and commit the result", file)
        .isEqualTo(Files.readString(GENERATED.resolve(file)));
  }

  @org.junit.jupiter.api.Test
  void everyModelHasItsCrdAndNoCheckedInCrdIsLeftOver() throws Exception {
    List<String> checkedIn;
    try (Stream<Path> files = Files.list(CHECKED_IN)) {
      checkedIn = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(checkedIn).as("deploy/crds/ against the generated CRDs; run 'make crds'")
        .isEqualTo(generatedCrds());
    assertThat(checkedIn).contains("bitcoinnetworks.blockyard.io-v1.yml", "lightningnodes.blockyard.io-v1.yml",
        "lightningchannels.blockyard.io-v1.yml");
  }
}
