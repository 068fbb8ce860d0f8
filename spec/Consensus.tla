------------------------------ MODULE Consensus ------------------------------
(***************************************************************************)
(* What PBFT must achieve, stated once: each sequence number decides at    *)
(* most one request, and a decision never changes. PBFT.tla refines this   *)
(* spec (MCPBFT.tla!ConsensusRefinementProp).                              *)
(***************************************************************************)
CONSTANTS Seqs, Values, None

VARIABLE decided   \* decided[n]: the request decided at n, or None

Init == decided = [n \in Seqs |-> None]

Decide(n, d) ==
    /\ decided[n] = None
    /\ decided' = [decided EXCEPT ![n] = d]

Next == \E n \in Seqs, d \in Values : Decide(n, d)

Spec == Init /\ [][Next]_decided
=============================================================================
