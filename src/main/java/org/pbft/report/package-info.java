/**
 * HTML pages people look at instead of reading logs: a message sequence chart and the states of
 * each TLC counterexample ({@link org.pbft.report.CounterexamplePage}), and the SVG chart
 * the demo report draws its run with ({@link org.pbft.report.SequenceChart}). Pages are
 * self-contained (inline style, script and SVG).
 */
package org.pbft.report;
