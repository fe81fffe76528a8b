package io.blockyard.rpc.lnd;

/** A new invoice: the BOLT 11 payment request to hand to the payer and its payment hash (hex). */
public record AddedInvoice(String paymentRequest, String rHashHex) {}
