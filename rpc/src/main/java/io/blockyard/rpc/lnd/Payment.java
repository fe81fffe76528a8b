package io.blockyard.rpc.lnd;

/** A payment that went through: its hash and the preimage the payee revealed, both hex. */
public record Payment(String paymentHashHex, String preimageHex) {}
