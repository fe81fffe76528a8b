package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --via-api-server}: accepted by every command, anywhere on the line, and explained in the help. */
class ViaApiServerOptionTest {
  final KubectlBlockyard root = new KubectlBlockyard();
  final CommandLine cli = KubectlBlockyard.commandLine(root);

  @Test
  void everyCommandThatReachesPodsTakesIt() {
    String[][] lines = {
        {"rpc", "regtest", "getblockcount", "--via-api-server"},
        {"mine", "regtest", "3", "--via-api-server"},
        {"connect", "regtest", "--via-api-server"},
        {"status", "regtest", "--via-api-server"},
        {"ln", "alice", "getinfo", "--via-api-server"},
        {"--via-api-server", "invoice", "bob", "1000"},
        {"pay", "alice", "lnbcrt1", "--via-api-server"},
        {"channels", "alice", "--via-api-server"}};
    for (String[] line : lines) {
      KubectlBlockyard fresh = new KubectlBlockyard();
      KubectlBlockyard.commandLine(fresh).parseArgs(line);
      assertThat(fresh.viaApiServer).as(String.join(" ", line)).isTrue();
    }
  }

  @Test
  void podIpsComeFirstUnlessAsked() {
    cli.parseArgs("rpc", "regtest", "getblockcount");
    assertThat(root.viaApiServer).isFalse();
  }

  @Test
  void theHelpSaysWhenToUseIt() {
    StringWriter help = new StringWriter();
    cli.getSubcommands().get("rpc").usage(new PrintWriter(help));
    assertThat(help.toString().replaceAll("\\s+", " "))
        .contains("--via-api-server always go through the API server's port-forward, for when pod IPs are not "
            + "reachable from here");
  }
}
