package io.blockyard.rpc.lnd;

/** The on-chain address kinds {@code GET /v1/newaddress?type=...} hands out. */
public enum AddressType {
  /** P2WPKH, bech32 ({@code bcrt1q...}). */
  WITNESS_PUBKEY_HASH,
  /** P2WPKH nested in P2SH. */
  NESTED_PUBKEY_HASH,
  /** P2TR, bech32m ({@code bcrt1p...}). */
  TAPROOT_PUBKEY
}
