package org.pbft.core.message;

/**
 * Every message of the protocol. Records, immutable; a replica dispatches on the type in one
 * place ({@code Replica.step}). Signatures and MACs are checked by the transport before a message
 * reaches the core, so the replica fields of messages (also of messages nested in certificates)
 * are authentic there.
 */
public sealed interface Message
    permits Request, PrePrepare, Prepare, Commit, Checkpoint, ViewChange, NewView, Reply,
        FetchState, StateSnapshot, StatusReport {}
