package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import io.blockyard.operator.SecretValues;
import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an application needs to reach the network's RPC, in a Secret it can mount without knowing the operator. */
public final class ConnectionSecret {
  private ConnectionSecret() {}

  /**
   * @param user the RPC user from the credentials Secret
   * @param password the RPC password from the credentials Secret
   * @param caCert the CA of the RPC server's certificate (from the TLS Secret's ca.crt), or null
   */
  public static Secret desired(BitcoinNetwork network, String user, String password, String caCert) {
    NetworkNames names = NetworkNames.of(network);
    NodeProgram program = NodeProgram.of(network.getSpec().getImplementation());
    String host = names.clientService() + "." + names.namespace() + ".svc";
    int port = program.rpcPort(network.getSpec().getChain());
    Map<String, String> data = new LinkedHashMap<>();
    data.put(NetworkNames.URL_KEY, (program.rpcTls() ? "https" : "http") + "://" + host + ":" + port + "/");
    data.put(NetworkNames.HOST_KEY, host);
    data.put(NetworkNames.PORT_KEY, String.valueOf(port));
    data.put(NetworkNames.USER_KEY, user);
    data.put(NetworkNames.PASSWORD_KEY, password);
    data.put(NetworkNames.IMPLEMENTATION_KEY, program.name());
    data.put(NetworkNames.CHAIN_KEY, network.getSpec().getChain().name().toLowerCase());
    if (caCert != null) {
      data.put(NetworkNames.CA_KEY, caCert);
    }
    return new SecretBuilder().withNewMetadata().withName(names.connectionSecret()).withNamespace(names.namespace())
        .withLabels(names.labels(program.name())).endMetadata()
        .withType("Opaque").withData(SecretValues.data(data)).build();
  }
}
