package io.blockyard.rpc.lnd;

/**
 * A channel on its way open or closed ({@code GET /v1/channels/pending}); amounts in satoshi.
 *
 * @param closingTxid the closing transaction's id, empty while opening or when lnd does not say
 */
public record PendingChannel(Stage stage, ChannelPoint channelPoint, String remotePubkey,
    long capacity, long localBalance, String closingTxid) {

  /** Which of lnd's pending lists the channel is on. */
  public enum Stage {
    /** Funding transaction not yet confirmed enough ({@code pending_open_channels}). */
    PENDING_OPEN,
    /** Closing transaction broadcast, not yet confirmed ({@code waiting_close_channels}). */
    WAITING_CLOSE,
    /** Force-closed, funds still time-locked ({@code pending_force_closing_channels}). */
    PENDING_FORCE_CLOSE
  }
}
