package io.blockyard.rpc;

/**
 * What {@link BitcoinNode#addNode(String)} or {@link BitcoinNode#removeNode(String)} did.
 * The "nothing to do" outcomes are normal answers, not errors, so the operator can steer
 * towards a wanted peer list without caring about the current one.
 */
public enum AddedNodeOutcome {
  /** The node is now on the added-node list. */
  ADDED,
  /** The node was already on the added-node list; nothing changed. */
  ALREADY_ADDED,
  /** The node was taken off the added-node list. */
  REMOVED,
  /** The node was not on the added-node list; nothing changed. */
  NOT_ADDED
}
