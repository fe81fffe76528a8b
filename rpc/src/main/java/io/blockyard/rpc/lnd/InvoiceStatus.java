package io.blockyard.rpc.lnd;

/**
 * An invoice as {@code GET /v1/invoice/{r_hash}} shows it.
 *
 * @param state lnd's name: {@code OPEN}, {@code SETTLED}, {@code CANCELED} or {@code ACCEPTED}
 */
public record InvoiceStatus(String state, boolean settled, long valueSat, long amountPaidSat) {}
