package io.blockyard.rpc;

import io.blockyard.api.bitcoin.Implementation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node clients through shared HTTP clients, against two real btcd processes with certificates of their own. */
class SharedHttpClientsTest {

  @RegisterExtension
  static final RunningNodes NODES = new RunningNodes();
  static TestBtcd alpha;
  static TestBtcd beta;
  SharedHttpClients http = new SharedHttpClients(2);

  @BeforeAll
  static void start() throws Exception {
    alpha = NODES.btcd("shared-alpha");
    beta = NODES.btcd("shared-beta");
  }

  @AfterEach
  void close() {
    http.close();
  }

  @Test
  void eachEndpointTrustsOnlyItsOwnCertificateThroughOneClient() {
    // alpha's address with beta's certificate as its trust: refused, although that certificate is trusted for beta.
    BitcoinNode impostor = BitcoinNode.connect(Implementation.BTCD, alpha.endpoint().withTls(TlsTrust.trustingCa(beta.certPem())),
        http);
    BitcoinNode b = BitcoinNode.connect(Implementation.BTCD, beta.endpoint(), http);
    assertThat(b.blockCount()).isGreaterThanOrEqualTo(0);
    assertThatThrownBy(impostor::blockCount).isInstanceOf(TlsHandshakeException.class);
    impostor.close();

    BitcoinNode a = BitcoinNode.connect(Implementation.BTCD, alpha.endpoint(), http);
    assertThat(a.blockCount()).isGreaterThanOrEqualTo(0);
    assertThat(b.blockCount()).isGreaterThanOrEqualTo(0);
    a.close();
    b.close();
    assertThat(http.trustedServers()).isZero();
  }

  @Test
  void manyClientsAddNoThreadsAndClosingOnesGivesUpTheirTrust() {
    int trustedBefore = http.trustedServers();
    long threadsBefore = httpClientThreads();
    List<BitcoinNode> nodes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      nodes.add(BitcoinNode.connect(Implementation.BTCD, RpcEndpoint.https("10.213.50." + (i % 250), 18334 + i / 250,
          TlsTrust.trustingCa(alpha.certPem())).withCredentials("u", "p"), http));
    }
    nodes.add(BitcoinNode.connect(Implementation.BTCD, alpha.endpoint(), http));
    assertThat(nodes.get(200).blockCount()).isGreaterThanOrEqualTo(0);

    // A JDK HttpClient each would have started 201 selector threads.
    assertThat(httpClientThreads() - threadsBefore).isLessThanOrEqualTo(1);
    assertThat(http.trustedServers()).isEqualTo(trustedBefore + 201);
    nodes.forEach(BitcoinNode::close);
    assertThat(http.trustedServers()).isEqualTo(trustedBefore);
  }

  @Test
  void aClientOfItsOwnStillWorksWithoutSharedClients() {
    assertThat(alpha.node().blockCount()).isGreaterThanOrEqualTo(0);
  }

  /** Threads the JDK's HTTP clients start (a selector per client, workers unless given an executor). */
  static long httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("HttpClient-")).count();
  }
}
