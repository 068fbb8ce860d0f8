/**
 * The checks of a simulated run: the spec's safety invariants under their names ({@link
 * org.pbft.sim.check.InvariantChecker}), agreement of correct replicas, linearizability of the
 * client history against the key-value model, and liveness after the network healed.
 */
package org.pbft.sim.check;
