package io.blockyard.rpc.lnd;

/** The on-chain wallet's balance in satoshi ({@code GET /v1/balance/blockchain}). */
public record WalletBalance(long confirmedSat, long unconfirmedSat) {}
