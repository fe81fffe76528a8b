package io.blockyard.rpc.lnd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockyard.rpc.lnd.LndEvent.Topic;
import org.junit.jupiter.api.Test;

/** What each of lnd's streams' messages is taken to tell, from the JSON lnd's REST gateway writes. */
class LndEventTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static LndEvent event(Topic topic, String result) throws Exception {
    return topic.event(JSON.readTree(result));
  }

  @Test
  void aChannelOrPeerEventIsNamedByItsType() throws Exception {
    assertThat(event(Topic.CHANNELS, "{\"type\":\"ACTIVE_CHANNEL\",\"active_channel\":{\"funding_txid_bytes\":\"AA==\","
        + "\"output_index\":0}}")).isEqualTo(new LndEvent(Topic.CHANNELS, "ACTIVE_CHANNEL", ""));
    assertThat(event(Topic.PEERS, "{\"pub_key\":\"02ab\",\"type\":\"PEER_OFFLINE\"}"))
        .isEqualTo(new LndEvent(Topic.PEERS, "PEER_OFFLINE", ""));
  }

  @Test
  void anHtlcEventIsNamedByTheKindItHoldsWithItsDirection() throws Exception {
    assertThat(event(Topic.HTLCS, "{\"incoming_channel_id\":\"0\",\"outgoing_channel_id\":\"123\","
        + "\"event_type\":\"SEND\",\"settle_event\":{\"preimage\":\"AA==\"}}"))
        .isEqualTo(new LndEvent(Topic.HTLCS, "settle_event", "SEND"));
    assertThat(event(Topic.HTLCS, "{\"event_type\":\"UNKNOWN\",\"subscribed_event\":{}}"))
        .isEqualTo(new LndEvent(Topic.HTLCS, "subscribed_event", "UNKNOWN"));
  }

  @Test
  void aTransactionCarriesItsConfirmations() throws Exception {
    assertThat(event(Topic.TRANSACTIONS, "{\"tx_hash\":\"ab\",\"num_confirmations\":1,\"amount\":\"5000\"}"))
        .isEqualTo(new LndEvent(Topic.TRANSACTIONS, "TRANSACTION", "1"));
  }
}
