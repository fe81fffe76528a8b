package io.blockyard.cli;

import io.blockyard.rpc.lnd.AddressType;
import io.blockyard.rpc.lnd.LndNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ln <node> <what>}: one Lightning node's lnd. Without a subcommand picocli reports the missing one. */
@Command(mixinStandardHelpOptions = true, name = "ln", description = "Ask a LightningNode's lnd: getinfo, newaddress.",
    subcommands = {LnCommand.GetInfo.class, LnCommand.NewAddress.class})
final class LnCommand {
  @ParentCommand
  KubectlBlockyard root;

  @Parameters(index = "0", description = "the LightningNode")
  String node;

  LightningTarget load() {
    return LightningTarget.load(root.client(), root.podPorts(), root.namespace(), node);
  }

  /** Who the node is, whether it is synced, its channels and balances. */
  @Command(mixinStandardHelpOptions = true, name = "getinfo",
      description = "Show the node's identity, sync state, peers, channels and balances.")
  static final class GetInfo implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    LnCommand ln;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (LightningTarget target = ln.load()) {
        LndNode lnd = target.connect(LndConnection.Macaroon.READONLY);
        PrintWriter out = spec.commandLine().getOut();
        out.print(NodeSummary.render(target.namespace(), target.name(), target.connection().uri(), lnd.getInfo(),
            lnd.walletBalance(), lnd.channelBalance()));
        out.flush();
        return 0;
      }
    }
  }

  /** A fresh address of the node's on-chain wallet, to fund it. */
  @Command(mixinStandardHelpOptions = true, name = "newaddress",
      description = "Print a new on-chain (P2WPKH) address of the node's wallet.")
  static final class NewAddress implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    LnCommand ln;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (LightningTarget target = ln.load()) {
        String address = target.connect(LndConnection.Macaroon.ADMIN).newAddress(AddressType.WITNESS_PUBKEY_HASH);
        spec.commandLine().getOut().println(address);
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
