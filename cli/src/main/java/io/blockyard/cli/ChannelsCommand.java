package io.blockyard.cli;

import io.blockyard.rpc.lnd.LndNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A node's channels: open, on their way open or closed, and closed. */
@Command(mixinStandardHelpOptions = true, name = "channels",
    description = "List a LightningNode's open, pending and closed channels.")
final class ChannelsCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the LightningNode")
  String node;

  @Override
  public Integer call() {
    try (LightningTarget target = LightningTarget.load(root.client(), root.podPorts(), root.namespace(), node)) {
      LndNode lnd = target.connect(LndConnection.Macaroon.READONLY);
      spec.commandLine().getOut().print(ChannelTable.render(lnd.listChannels(), lnd.pendingChannels(),
          lnd.closedChannels(), target.nodeNamesByPubkey()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
