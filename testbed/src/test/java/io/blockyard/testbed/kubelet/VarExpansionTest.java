package io.blockyard.testbed.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VarExpansionTest {
  final Map<String, String> env = Map.of("USER", "alice", "PORT", "8332");

  @Test
  void expandsKnownVariables() {
    assertThat(VarExpansion.expand("--rpcuser=$(USER) --rpcport=$(PORT)", env))
        .isEqualTo("--rpcuser=alice --rpcport=8332");
  }

  @Test
  void leavesUnknownVariablesAndShellSyntaxAlone() {
    assertThat(VarExpansion.expand("$(MISSING) $HOME ${USER} $", env)).isEqualTo("$(MISSING) $HOME ${USER} $");
  }

  @Test
  void doubleDollarEscapes() {
    assertThat(VarExpansion.expand("$$(USER) costs $$5", env)).isEqualTo("$(USER) costs $5");
  }

  @Test
  void anUnclosedReferenceStaysAsWritten() {
    assertThat(VarExpansion.expand("x$(USER", env)).isEqualTo("x$(USER");
  }
}
