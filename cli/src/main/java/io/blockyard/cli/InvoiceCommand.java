package io.blockyard.cli;

import io.blockyard.rpc.lnd.AddedInvoice;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** An invoice of a node; the payment request comes alone on the first line, for scripts. */
@Command(mixinStandardHelpOptions = true, name = "invoice", description = {"Create an invoice on a LightningNode.",
    "Prints the BOLT 11 payment request alone on the first line, then its payment hash, so that",
    "  kubectl blockyard pay alice \"$(kubectl blockyard invoice bob 1000 | head -1)\"",
    "works."})
final class InvoiceCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the LightningNode that gets paid")
  String node;

  @Parameters(index = "1", paramLabel = "<sat>", description = "the amount, in satoshis")
  long sat;

  @Option(names = "--memo", paramLabel = "TEXT", description = "a description the payer sees")
  String memo;

  @Option(names = "--private", description = {"add route hints to the node's private channels (lnd's private: true),",
      "so that a payer can reach it across channels that are in no graph"})
  boolean routeHints;

  @Override
  public Integer call() {
    if (sat < 1) {
      throw new IllegalArgumentException("an invoice is for at least 1 sat, not " + sat);
    }
    try (LightningTarget target = LightningTarget.load(root.client(), root.podPorts(), root.namespace(), node)) {
      AddedInvoice invoice = target.connect(LndConnection.Macaroon.INVOICE).addInvoice(sat, memo, routeHints);
      spec.commandLine().getOut().print(render(invoice));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  static String render(AddedInvoice invoice) {
    return invoice.paymentRequest() + System.lineSeparator()
        + "payment hash: " + invoice.rHashHex() + System.lineSeparator();
  }
}
