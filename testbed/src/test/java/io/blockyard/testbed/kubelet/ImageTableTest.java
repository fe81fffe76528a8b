package io.blockyard.testbed.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blockyard.testbed.TestbedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTableTest {
  final ImageTable table = new ImageTable(List.of(
      new ImageTable.Rule("*lnd*", Path.of("/opt/lnd"), "lnd"),
      new ImageTable.Rule("*btcd*", Path.of("/opt/btcd"), "btcd"),
      new ImageTable.Rule("registry.example/exact:1.0", Path.of("/opt/exact"), null)));

  @Test
  void theFirstMatchingGlobWins() {
    assertThat(table.resolve("lightninglabs/lnd:v0.19.3-beta").orElseThrow().directory()).isEqualTo(Path.of("/opt/lnd"));
    assertThat(table.resolve("blockyard/btcd:v0.24.2").orElseThrow().entrypoint()).isEqualTo("btcd");
    assertThat(table.resolve("registry.example/exact:1.0")).isPresent();
  }

  @Test
  void globsMatchTheWholeReferenceAndQuoteRegexCharacters() {
    assertThat(table.resolve("registry.example/exact:1.01")).isEmpty();
    assertThat(table.resolve("registryXexample/exact:1.0")).isEmpty();
    assertThat(table.resolve("nginx:latest")).isEmpty();
  }

  @Test
  void parsesATableFileAndNamesTheBadLine() {
    List<ImageTable.Rule> rules = ImageTable.parse(List.of("# comment", "", "*bitcoind* /opt/bcoin bitcoind"), "t");
    assertThat(rules).containsExactly(new ImageTable.Rule("*bitcoind*", Path.of("/opt/bcoin"), "bitcoind"));
    assertThatThrownBy(() -> ImageTable.parse(List.of("*x*"), "images.conf"))
        .isInstanceOf(TestbedException.class).hasMessageContaining("images.conf:1")
        .hasMessageContaining("<image glob> <directory> [entrypoint]");
  }
}
