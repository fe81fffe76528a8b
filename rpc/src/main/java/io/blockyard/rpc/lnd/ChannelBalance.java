package io.blockyard.rpc.lnd;

/** What the node holds in open channels, in satoshi ({@code GET /v1/balance/channels}). */
public record ChannelBalance(long localSat, long remoteSat) {}
