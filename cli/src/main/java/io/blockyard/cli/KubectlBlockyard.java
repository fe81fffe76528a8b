package io.blockyard.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code kubectl blockyard}: day-two commands for Blockyard's Bitcoin networks and Lightning nodes. */
@Command(name = "kubectl blockyard", mixinStandardHelpOptions = true, version = "blockyard 0.1.0",
    description = "Day-two commands for Blockyard's Bitcoin networks and Lightning nodes.",
    subcommands = {StatusCommand.class, RpcCommand.class, MineCommand.class, ConnectCommand.class,
        LnCommand.class, InvoiceCommand.class, PayCommand.class, ChannelsCommand.class, ActivityCommand.class},
    footer = {"", "Bitcoin networks: status, rpc, mine, connect. Lightning nodes: ln, invoice, pay, channels. Payment load: activity.",
        "", "Examples:",
        "  kubectl blockyard status regtest",
        "  kubectl blockyard mine regtest 6",
        "  kubectl blockyard ln alice newaddress",
        "  kubectl blockyard ln alice getinfo",
        "  kubectl blockyard pay alice \"$(kubectl blockyard invoice bob 1000 | head -1)\"",
        "  kubectl blockyard channels alice -n lightning",
        "  kubectl blockyard activity load",
        "  kubectl blockyard rpc regtest getblockcount --via-api-server"})
public final class KubectlBlockyard {
  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT,
      description = "namespace of the network or node (default: the kubeconfig's current namespace)")
  String namespace;

  @Option(names = "--via-api-server", scope = ScopeType.INHERIT,
      description = "always go through the API server's port-forward, for when pod IPs are not reachable from here")
  boolean viaApiServer;

  private KubernetesClient client;

  KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().build();
    }
    return client;
  }

  String namespace() {
    if (namespace != null) {
      return namespace;
    }
    String current = client().getNamespace();
    return current == null ? "default" : current;
  }

  /** How this invocation reaches pod ports: by pod IP first, or only through the API server. */
  PodPorts podPorts() {
    return new PodPorts(client(), viaApiServer);
  }

  public static void main(String[] args) {
    KubectlBlockyard root = new KubectlBlockyard();
    CommandLine cli = new CommandLine(root);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return 1;
    });
    int code = cli.execute(args);
    if (root.client != null) {
      root.client.close();
    }
    System.exit(code);
  }
}
