/**
 * What a replica keeps on disk: a write-ahead log of checksummed records with group commit
 * ({@link org.pbft.storage.WriteAheadLog}). No protocol knowledge lives here; {@code
 * org.pbft.node.InputLog} decides what the records are.
 */
package org.pbft.storage;
