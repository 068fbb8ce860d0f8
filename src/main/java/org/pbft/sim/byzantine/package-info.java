/**
 * Byzantine replicas as scripted peers. Each {@link org.pbft.sim.byzantine.Strategy} replaces a
 * replica in the simulator and sends what it likes under its own identity, most of them by
 * running a correct replica and rewriting what it sends: {@code equivocate}, {@code silent},
 * {@code skip-reorder}, {@code wrong-digest}, {@code replay}, {@code hide-prepared}, {@code
 * forge-new-view} and {@code random} ({@link org.pbft.sim.byzantine.Strategies}).
 */
package org.pbft.sim.byzantine;
