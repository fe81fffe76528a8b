package io.blockyard.cli;

import io.blockyard.rpc.lnd.LndErrorException;
import io.blockyard.rpc.lnd.Payment;
import io.blockyard.rpc.lnd.PaymentFailedException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Pays a BOLT 11 payment request from a node; lnd's reason and a non-zero exit when it cannot. */
@Command(mixinStandardHelpOptions = true, name = "pay",
    description = "Pay a BOLT 11 payment request from a LightningNode.")
final class PayCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the LightningNode that pays")
  String node;

  @Parameters(index = "1", paramLabel = "<bolt11>", description = "the payment request (lnbc..., lntb..., lnbcrt...)")
  String paymentRequest;

  @Override
  public Integer call() {
    String request = paymentRequest.strip();
    if (!request.toLowerCase(java.util.Locale.ROOT).startsWith("ln")) {
      throw new IllegalArgumentException("not a BOLT 11 payment request (they start with ln): " + request);
    }
    try (LightningTarget target = LightningTarget.load(root.client(), root.podPorts(), root.namespace(), node)) {
      Payment payment;
      try {
        payment = target.connect(LndConnection.Macaroon.ADMIN).payInvoice(request);
      } catch (PaymentFailedException e) {
        throw new IllegalStateException(failed(node, e.paymentError()), e);
      } catch (LndErrorException e) {
        throw new IllegalStateException(failed(node, e.lndMessage()), e);
      }
      spec.commandLine().getOut().print(render(payment));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  static String failed(String node, String reason) {
    return node + " could not pay the invoice: " + reason;
  }

  static String render(Payment payment) {
    return "paid" + System.lineSeparator()
        + "payment hash: " + payment.paymentHashHex() + System.lineSeparator()
        + "preimage:     " + payment.preimageHex() + System.lineSeparator();
  }
}
