package io.blockyard.cli;

import io.blockyard.api.bitcoin.NetworkNames;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** How an application reaches a network's RPC; names the Secret, never prints the password. */
@Command(mixinStandardHelpOptions = true, name = "connect",
    description = "Show how an application reaches a network's RPC.")
final class ConnectCommand implements Callable<Integer> {
  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "the BitcoinNetwork")
  String network;

  @Override
  public Integer call() {
    try (NetworkTarget target = NetworkTarget.load(root.client(), root.podPorts(), root.namespace(), network)) {
      String secret = new NetworkNames(network, root.namespace()).connectionSecret();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("RPC URL:   %s%n", target.value(NetworkNames.URL_KEY));
      out.printf("Dialect:   %s on %s%n", target.value(NetworkNames.IMPLEMENTATION_KEY), target.value(NetworkNames.CHAIN_KEY));
      out.printf("User:      %s%n", target.value(NetworkNames.USER_KEY));
      out.printf("Password:  key \"password\" of Secret %s/%s%n", root.namespace(), secret);
      out.printf("TLS:       %s%n", target.value(NetworkNames.CA_KEY) == null ? "none (plain HTTP)"
          : "verify with key \"ca.crt\" of the same Secret");
      out.println();
      out.println("In a pod of the same namespace:");
      out.println("  envFrom:");
      out.println("  - secretRef: {name: " + secret + "}   # url, host, port, user, password, ca.crt");
      out.println("From this machine:");
      out.println("  kubectl blockyard rpc " + network + " getblockchaininfo");
      out.flush();
      return 0;
    }
  }
}
