package io.blockyard.operator.bitcoin;

import io.blockyard.api.bitcoin.NetworkNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

class NodeServicesTest {
  @Test
  void headlessServiceGivesPodsDnsNamesEvenBeforeTheyAreReady() {
    Service headless = NodeServices.headless(TestNetworks.btcd());

    assertThat(headless.getMetadata().getName()).isEqualTo("net-nodes");
    assertThat(headless.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(headless.getSpec().getSelector()).isEqualTo(NetworkNames.of(TestNetworks.btcd()).selector());
  }

  @Test
  void clientServiceHasAClusterIpAndOnlyReadyPods() {
    Service client = NodeServices.client(TestNetworks.btcd());

    assertThat(client.getMetadata().getName()).isEqualTo("net");
    assertThat(client.getSpec().getClusterIP()).isNull();
    assertThat(client.getSpec().getPublishNotReadyAddresses()).isNull();
    assertThat(client.getSpec().getSelector()).isEqualTo(NetworkNames.of(TestNetworks.btcd()).selector());
  }

  @Test
  void portsAreTheImplementationsRpcAndP2pPorts() {
    assertThat(NodeServices.client(TestNetworks.btcd()).getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactly(tuple("rpc", 18334), tuple("p2p", 18444));
    assertThat(NodeServices.headless(TestNetworks.bitcoind()).getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactly(tuple("rpc", 18443), tuple("p2p", 18444));
  }

  @Test
  void statefulSetPodsMatchTheServicesSelector() {
    var set = NodeStatefulSet.desired(TestNetworks.btcd());

    assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(NodeServices.client(TestNetworks.btcd()).getSpec().getSelector());
    assertThat(set.getSpec().getServiceName()).isEqualTo(NodeServices.headless(TestNetworks.btcd()).getMetadata()
        .getName());
  }
}
