/**
 * The checks of a simulated run: the spec's safety invariants under their names ({@link
 * org.pbft.sim.check.InvariantChecker}), agreement of correct replicas, linearizability of the
 * client history against the key-value model, liveness after the network healed, and the
 * convergence of the correct replicas once the clients are done ({@link
 * org.pbft.sim.check.ConvergenceChecker}): clients served by 2f+1 replicas cannot tell that a
 * correct one left the group.
 */
package org.pbft.sim.check;
