package io.blockyard.rpc.lnd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * One message of one of lnd's event streams ({@link LndSubscriptions}).
 *
 * @param topic the stream it came on
 * @param type what happened: for channels lnd's {@code type} ({@code PENDING_OPEN_CHANNEL}, {@code OPEN_CHANNEL},
 *     {@code ACTIVE_CHANNEL}, {@code INACTIVE_CHANNEL}, {@code CLOSED_CHANNEL}, {@code FULLY_RESOLVED_CHANNEL}, ...);
 *     for HTLCs the event's kind ({@code subscribed_event}, {@code forward_event}, {@code settle_event},
 *     {@code forward_fail_event}, {@code link_fail_event}, {@code final_htlc_event}); for peers {@code PEER_ONLINE}
 *     or {@code PEER_OFFLINE}; for transactions {@code TRANSACTION}
 * @param detail for HTLCs lnd's {@code event_type} ({@code SEND}, {@code RECEIVE}, {@code FORWARD}), for
 *     transactions the number of confirmations; empty otherwise
 */
public record LndEvent(LndEvent.Topic topic, String type, String detail) {

  /** lnd's server-streaming calls over REST that tell of a change to what the operator reports. */
  public enum Topic {
    /** SubscribeChannelEvents: channels pending, opened, active, inactive, closed. */
    CHANNELS("/v1/channels/subscribe"),
    /**
     * SubscribeHtlcEvents: every HTLC this node sends, receives or forwards, as it is added, settled or failed. It
     * covers all three ways a payment moves a channel balance (an invoice subscription sees only receives); it also
     * answers at once ({@code subscribed_event}), so a connection shows as live.
     */
    HTLCS("/v2/router/htlcevents"),
    /** SubscribePeerEvents: a peer connected or went away. */
    PEERS("/v1/peers/subscribe"),
    /** SubscribeTransactions: a transaction of the on-chain wallet, seen or first confirmed. */
    TRANSACTIONS("/v1/transactions/subscribe");

    private final String path;

    Topic(String path) {
      this.path = path;
    }

    /** The REST path of the stream (GET). */
    public String path() {
      return path;
    }

    /** The event a stream message's {@code result} tells of. */
    LndEvent event(JsonNode result) {
      return switch (this) {
        case CHANNELS, PEERS -> new LndEvent(this, result.path("type").asText(""), "");
        case HTLCS -> new LndEvent(this, setField(result, "_event"), result.path("event_type").asText(""));
        case TRANSACTIONS -> new LndEvent(this, "TRANSACTION", result.path("num_confirmations").asText(""));
      };
    }

    /** The one field of a oneof that the JSON holds (lnd leaves the unset ones out), by its name's ending. */
    private static String setField(JsonNode result, String suffix) {
      for (Iterator<String> names = result.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (name.endsWith(suffix) && result.get(name).isObject()) {
          return name;
        }
      }
      return "";
    }
  }
}
