/**
 * JSON-RPC clients for Bitcoin full nodes, used by the operator to observe and steer them.
 *
 * <p>{@link io.blockyard.rpc.JsonRpcClient} is the transport (HTTP/1.1 or HTTPS with a pinned
 * CA, basic auth, timeouts, batches). {@link io.blockyard.rpc.BitcoinNode} is the
 * implementation-neutral view, with one dialect per node program. Every failure is a subclass
 * of {@link io.blockyard.rpc.RpcException}.
 */
package io.blockyard.rpc;
