package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A start builds only the command it runs; help, a version or an unknown command still see them all. */
class CommandSelectionTest {
  static CommandLine forArgs(String... args) {
    return KubectlBlockyard.commandLine(new KubectlBlockyard(), args);
  }

  @Test
  void theNamedCommandAloneWhateverTheOptionsBeforeIt() {
    for (String[] args : new String[][] {{"status", "net"}, {"-n", "ns", "status", "net"},
        {"--namespace", "lightning", "status", "net"}, {"--via-api-server", "status", "net"}}) {
      CommandLine cli = forArgs(args);
      assertThat(cli.getSubcommands().keySet()).as(String.join(" ", args)).containsExactly("status");
      assertThat(cli.parseArgs(args).subcommand().commandSpec().name()).isEqualTo("status");
    }
    assertThat(forArgs("ln", "alice", "getinfo").getSubcommands().get("ln").getSubcommands()).containsKey("getinfo");
  }

  @Test
  void everyCommandForHelpVersionNothingOrAnUnknownName() {
    int all = KubectlBlockyard.COMMANDS.size();
    assertThat(forArgs("--help").getSubcommands()).hasSize(all);
    assertThat(forArgs().getSubcommands()).hasSize(all);
    assertThat(forArgs("-n", "ns").getSubcommands()).hasSize(all);
    assertThat(forArgs("stauts", "net").getSubcommands()).hasSize(all);
  }
}
