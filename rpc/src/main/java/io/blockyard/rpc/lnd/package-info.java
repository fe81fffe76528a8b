/**
 * A client of lnd's REST interface (the grpc-gateway on {@code --restlisten}): the wallet
 * unlocker ({@link io.blockyard.rpc.lnd.WalletUnlocker}) and the Lightning service
 * ({@link io.blockyard.rpc.lnd.LndNode}).
 *
 * <p>HTTP/1.1 over TLS trusting only lnd's own {@code tls.cert}; the macaroon travels as hex
 * in the {@code Grpc-Metadata-macaroon} header. lnd's JSON uses the proto field names,
 * emits every field, writes 64-bit integers as strings and bytes as base64. Every failure is
 * an {@link io.blockyard.rpc.RpcException}: {@link io.blockyard.rpc.lnd.LndErrorException}
 * for lnd's own error answers, the transport exceptions of {@code io.blockyard.rpc} for the
 * rest.
 */
package io.blockyard.rpc.lnd;
