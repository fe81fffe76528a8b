package io.blockyard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockyard.rpc.BitcoinNode;
import io.blockyard.rpc.JsonRpcClient;
import io.blockyard.rpc.RpcBitcoinNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Any RPC call on one node; parameters that parse as JSON are sent as JSON, others as strings. */
@Command(mixinStandardHelpOptions = true, name = "rpc", description = "Call an RPC method on one node of a network.")
final class RpcCommand implements Callable<Integer> {
  /** Made when an RPC command runs: picocli makes every command object at each start, whichever runs. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @ParentCommand
  KubectlBlockyard root;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--node", defaultValue = "0", description = "ordinal of the node (default 0)")
  int node;

  @Parameters(index = "0", description = "the BitcoinNetwork")
  String network;

  @Parameters(index = "1", description = "the RPC method, e.g. getblockchaininfo")
  String method;

  @Parameters(index = "2..*", description = "parameters; JSON where they parse as JSON (10, true, [..]), else strings")
  List<String> params = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try (NetworkTarget target = NetworkTarget.load(root.client(), root.podPorts(), root.namespace(), network)) {
      BitcoinNode bitcoin = target.connect(node);
      JsonRpcClient client = ((RpcBitcoinNode) bitcoin).client();
      JsonNode result = client.call(method, parse(params).toArray());
      spec.commandLine().getOut().println(result == null ? "null"
          : result.isTextual() ? result.asText() : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return 0;
    }
  }

  static List<Object> parse(List<String> params) {
    List<Object> parsed = new ArrayList<>();
    for (String p : params) {
      try {
        parsed.add(Json.MAPPER.readTree(p));
      } catch (Exception notJson) {
        parsed.add(p);
      }
    }
    return parsed;
  }
}
