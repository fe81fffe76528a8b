package io.blockyard.rpc.lnd;

/**
 * A closed channel ({@code GET /v1/channels/closed}); amounts in satoshi.
 *
 * @param closeType lnd's name, e.g. {@code COOPERATIVE_CLOSE}, {@code LOCAL_FORCE_CLOSE}
 */
public record ClosedChannel(ChannelPoint channelPoint, String remotePubkey, String chanId,
    String closingTxid, long capacity, long settledBalance, String closeType) {}
