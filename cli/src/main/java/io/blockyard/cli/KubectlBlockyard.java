package io.blockyard.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.NamedExtension;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code kubectl blockyard}: day-two commands for Blockyard's Bitcoin networks and Lightning nodes. */
@Command(name = "kubectl blockyard", mixinStandardHelpOptions = true, version = "blockyard 0.1.0",
    description = "Day-two commands for Blockyard's Bitcoin networks and Lightning nodes.",
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

  private static final String TRUST_STORE = "javax.net.ssl.trustStore";
  /** A path that cannot exist: fabric8 then starts its trust store empty. */
  private static final String NO_TRUST_STORE = "/dev/null/no-trust-store";

  private KubernetesClient client;

  /**
   * The client, built at the first command that needs it, with no more than a command uses: fabric8 would otherwise
   * load every one of its model classes (a third of a plugin's start) to find the Java type of a kubeconfig
   * extension or of an untyped resource, which no command reads; and HTTP/1.1, a lighter start than HTTP/2 for a
   * request or two.
   */
  KubernetesClient client() {
    if (client == null) {
      // The kubeconfig is read by fabric8's shared mapper: its extensions stay plain maps there.
      Serialization.jsonMapper().addMixIn(NamedExtension.class, ExtensionAsMap.class);
      // The client key lives in an in-memory key store only: no need to protect it with 10,000 rounds of PBKDF2.
      System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
      Config config = new ConfigBuilder().build();
      if ((config.getCaCertData() != null || config.getCaCertFile() != null) && config.getTrustStoreFile() == null
          && System.getProperty(TRUST_STORE) == null) {
        // Like kubectl, trust only the CA the kubeconfig names when it names one; fabric8 would also load the
        // runtime's hundred public CAs into the trust store. (Node RPC and lnd pin their own CAs.)
        System.setProperty(TRUST_STORE, NO_TRUST_STORE);
      }
      client = new KubernetesClientBuilder()
          .withConfig(config)
          .withKubernetesSerialization(new KubernetesSerialization(new ObjectMapper(), false))
          .withHttpClientFactory(new JdkHttpClientFactory())
          .withHttpClientBuilderConsumer(builder -> builder.preferHttp11())
          .build();
    }
    return client;
  }

  /** A mix-in for {@link NamedExtension}: its {@code extension} read as JSON, not as a Kubernetes resource. */
  private abstract static class ExtensionAsMap {
    @JsonProperty("extension")
    @JsonDeserialize(using = JsonDeserializer.None.class)
    Object extension;

    @JsonProperty("extension")
    @JsonDeserialize(using = JsonDeserializer.None.class)
    abstract void setExtension(Object extension);
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

  /** The commands, by the names picocli gives them (their {@code @Command} names). */
  static final List<Class<?>> COMMANDS = List.of(StatusCommand.class, RpcCommand.class, MineCommand.class,
      ConnectCommand.class, LnCommand.class, InvoiceCommand.class, PayCommand.class, ChannelsCommand.class,
      ActivityCommand.class);

  /** The command line of the plugin with every command: a failed one prints {@code error: <what is wrong>}, exit 1. */
  static CommandLine commandLine(KubectlBlockyard root) {
    return commandLine(root, COMMANDS);
  }

  /**
   * The command line for {@code args}: with only the command they name, when they name one. Picocli builds the
   * model of every command it is given, by reflection, at each start: for one command that is a sixth of a start.
   */
  static CommandLine commandLine(KubectlBlockyard root, String[] args) {
    String named = commandName(args);
    List<Class<?>> one = COMMANDS.stream()
        .filter(c -> c.getAnnotation(Command.class).name().equals(named)).toList();
    return commandLine(root, one.isEmpty() ? COMMANDS : one);
  }

  private static CommandLine commandLine(KubectlBlockyard root, List<Class<?>> commands) {
    CommandLine cli = new CommandLine(root);
    commands.forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return cli;
  }

  /** The first argument that is neither an option of the plugin's own nor the namespace after -n. */
  static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-n") || args[i].equals("--namespace")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
  }

  /** Closes the client if a command built one. */
  void close() {
    if (client != null) {
      client.close();
      stopHttpSelectors();
    }
  }

  /**
   * Ends the JDK HTTP client's selector threads, which Java 17 leaves waiting in native code after a close (its
   * HttpClient has no close() before Java 21): the JVM waits 300 ms at exit for threads in native code to return.
   * An interrupt wakes the selector, whose loop then ends.
   */
  private static void stopHttpSelectors() {
    Thread[] threads = new Thread[Thread.activeCount() + 8];
    int n = Thread.enumerate(threads);
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
        t.interrupt();
        try {
          t.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  public static void main(String[] args) {
    KubectlBlockyard root = new KubectlBlockyard();
    int code = commandLine(root, args).execute(args);
    root.close();
    System.exit(code);
  }
}
