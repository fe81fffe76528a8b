package io.blockyard.rpc.lnd;

/**
 * A payment that went through: its hash and the preimage the payee revealed, both hex, and the routing fees paid
 * (millisatoshis; 0 to a direct peer).
 */
public record Payment(String paymentHashHex, String preimageHex, long feeMsat) {}
