package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command shapes scripts and the end-to-end tests rely on; parsing only, no cluster. */
class LightningCommandLineTest {
  final KubectlBlockyard root = new KubectlBlockyard();
  final CommandLine cli = KubectlBlockyard.commandLine(root);

  ParseResult parse(String... args) {
    return cli.parseArgs(args);
  }

  static Object command(ParseResult result) {
    List<CommandLine> chain = result.asCommandLineList();
    return chain.get(chain.size() - 1).getCommand();
  }

  @Test
  void lnTakesTheNodeThenWhatToAsk() {
    ParseResult result = parse("ln", "alice", "getinfo", "-n", "lightning");
    assertThat(command(result)).isInstanceOf(LnCommand.GetInfo.class);
    assertThat(((LnCommand.GetInfo) command(result)).ln.node).isEqualTo("alice");
    assertThat(root.namespace).isEqualTo("lightning");

    assertThat(command(parse("-n", "x", "ln", "bob", "newaddress"))).isInstanceOf(LnCommand.NewAddress.class);
    assertThat(root.namespace).isEqualTo("x");
  }

  @Test
  void invoiceTakesNodeSatAndAMemo() {
    InvoiceCommand invoice = (InvoiceCommand) command(parse("invoice", "bob", "1000", "--memo", "two coffees"));
    assertThat(invoice.node).isEqualTo("bob");
    assertThat(invoice.sat).isEqualTo(1000);
    assertThat(invoice.memo).isEqualTo("two coffees");
    assertThat(((InvoiceCommand) command(KubectlBlockyard.commandLine(new KubectlBlockyard()).parseArgs("invoice", "bob", "1")))
        .memo).isNull();
  }

  @Test
  void invoiceAddsRouteHintsToPrivateChannelsOnlyWhenAsked() {
    assertThat(((InvoiceCommand) command(parse("invoice", "carol", "2000", "--private"))).routeHints).isTrue();
    assertThat(((InvoiceCommand) command(parse("invoice", "carol", "2000"))).routeHints).isFalse();
  }

  @Test
  void payAndChannelsTakeTheNode() {
    PayCommand pay = (PayCommand) command(parse("pay", "alice", "lnbcrt10u1pjexample"));
    assertThat(pay.node).isEqualTo("alice");
    assertThat(pay.paymentRequest).isEqualTo("lnbcrt10u1pjexample");
    assertThat(((ChannelsCommand) command(KubectlBlockyard.commandLine(new KubectlBlockyard()).parseArgs("channels", "alice")))
        .node).isEqualTo("alice");
  }

  @Test
  void refusesWrongShapesAsUsageErrors() {
    assertThatThrownBy(() -> KubectlBlockyard.commandLine(new KubectlBlockyard()).parseArgs("invoice", "bob", "lots"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> KubectlBlockyard.commandLine(new KubectlBlockyard()).parseArgs("pay", "alice"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThat(exitCode("ln", "alice")).isEqualTo(2); // no subcommand: usage, exit 2
    assertThat(exitCode("ln", "alice", "balance")).isEqualTo(2);
  }

  @Test
  void rejectsBadValuesBeforeCallingTheCluster() {
    assertThat(exitCode("invoice", "bob", "0")).isEqualTo(1);
    assertThat(exitCode("pay", "alice", "not-an-invoice")).isEqualTo(1);
  }

  @Test
  void topLevelHelpListsTheLightningCommands() {
    String usage = KubectlBlockyard.commandLine(new KubectlBlockyard()).getUsageMessage();
    assertThat(usage).contains("  ln        ", "  invoice   ", "  pay       ", "  channels  ",
        "kubectl blockyard pay alice \"$(kubectl blockyard invoice bob 1000 | head -1)\"");
  }

  /** Runs the command line as main does, minus System.exit; only for shapes that fail before any cluster call. */
  static int exitCode(String... args) {
    CommandLine cli = KubectlBlockyard.commandLine(new KubectlBlockyard());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> 1);
    return cli.execute(args);
  }
}
