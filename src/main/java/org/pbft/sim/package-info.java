/**
 * The deterministic simulator: {@link org.pbft.sim.Simulation} runs correct {@link
 * org.pbft.core.Replica}s, one Byzantine peer ({@link org.pbft.sim.byzantine}) and {@link
 * org.pbft.client.Client}s over a simulated {@code Network}, from a seed, in logical ticks;
 * {@link org.pbft.sim.check} judges each run; {@link org.pbft.sim.Campaign} runs ranges of seeds
 * for {@code pbft simulate}.
 *
 * <p>A run has a fault phase (delay, loss, duplication, reordering, partitions, and, with
 * {@link org.pbft.sim.Pauses}, a correct replica paused and catching up in a burst) and a healed
 * phase (no loss, no partitions; the Byzantine replica stays Byzantine) in which every request
 * must complete within {@link org.pbft.sim.SimParams#livenessBound()} ticks; once the clients
 * are done, the correct replicas must be back in one group within {@link
 * org.pbft.sim.SimParams#convergenceBound()} ticks.
 */
package org.pbft.sim;
