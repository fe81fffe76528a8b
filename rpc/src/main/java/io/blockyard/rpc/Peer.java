package io.blockyard.rpc;

/**
 * One connected peer as the node reports it in {@code getpeerinfo}.
 *
 * @param address the peer's {@code host:port} as the node sees it
 * @param inbound whether the peer connected to the node (rather than the node to it)
 */
public record Peer(String address, boolean inbound) {}
