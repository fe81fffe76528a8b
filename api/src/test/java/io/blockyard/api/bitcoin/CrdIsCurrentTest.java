package io.blockyard.api.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRDs under deploy/crds/ are what the crd-generator makes of the Java model; CI fails when they are stale. */
class CrdIsCurrentTest {
  @Test
  void theCheckedInBitcoinNetworkCrdIsTheGeneratedOne() throws Exception {
    String file = "bitcoinnetworks.blockyard.io-v1.yml";
    Path generated = Path.of("target/classes/META-INF/fabric8", file);
    Path checkedIn = Path.of("../deploy/crds", file);
    assertThat(Files.readString(checkedIn))
        .as("deploy/crds/%s is stale: run 'make crds' and commit the result", file)
        .isEqualTo(Files.readString(generated));
  }
}
