/**
 * Replica and client processes: the pure protocol core ({@code org.pbft.core}, {@code
 * org.pbft.client}) driven by one event-loop thread each, with the authenticated wire ({@code
 * org.pbft.wire}) and TCP ({@code org.pbft.net}) around it. Reader threads authenticate and decode
 * frames in parallel and queue what passes; only the event loop touches the core, so the core
 * stays single-threaded and deterministic. Wall-clock time enters only as ticks.
 */
package org.pbft.node;
