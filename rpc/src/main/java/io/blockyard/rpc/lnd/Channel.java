package io.blockyard.rpc.lnd;

/**
 * An open channel ({@code GET /v1/channels}); amounts in satoshi.
 *
 * @param chanId the short channel id as lnd's decimal uint64
 */
public record Channel(ChannelPoint channelPoint, String remotePubkey, boolean active, long capacity,
    long localBalance, long remoteBalance, boolean isPrivate, String chanId) {}
