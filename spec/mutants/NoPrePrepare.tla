---------------------------- MODULE NoPrePrepare ----------------------------
(***************************************************************************)
(* Mutant 1, the lecture's question: no PRE-PREPARE phase. The primary     *)
(* multicasts PREPARE(v, n, d) and a replica that accepts it multicasts    *)
(* COMMIT at once; like the protocol of the question, a backup does not    *)
(* check whether it accepted another request at (v, n) before.             *)
(* Beside PBFT: ReceivePrePrepare loses its duplicate check, and           *)
(* SendCommit loses its PrepareQuorum guard.                               *)
(* Expected: AgreementInv fails. The Byzantine primary of view 0 sends     *)
(* PREPARE(0,1,r1) and PREPARE(0,1,r2) to replicas 1 and 2; both accept    *)
(* both and COMMIT both, so with the primary's COMMITs each request has    *)
(* 2f+1 COMMITs; replica 1 executes r1 and replica 2 executes r2 at        *)
(* sequence number 1 (11 states).                                          *)
(***************************************************************************)
EXTENDS PBFT

AcceptPrimaryPrepare(r, v, n, d) ==
    /\ r \in Correct
    /\ v = view[r]
    /\ status[r] = "normal"
    /\ r # Primary(v)
    /\ d \in Requests
    /\ SentPrePrepare(v, n, d)
    /\ InWindow(r, n)
    /\ <<v, n, d, r>> \notin prepares          \* only this exact message, not (v, n)
    /\ prepares' = prepares \cup {<<v, n, d, r>>}
    /\ UNCHANGED <<view, status, h, executed, prePrepares, commits, checkpoints,
                   viewChanges, newViews>>

CommitOnAccept(r, v, n, d) ==
    /\ r \in Correct
    /\ v = view[r]
    /\ status[r] = "normal"
    /\ InWindow(r, n)
    /\ Accepted(r, v, n, d)
    /\ <<v, n, d, r>> \notin commits
    /\ commits' = commits \cup {<<v, n, d, r>>}
    /\ UNCHANGED <<view, status, h, executed, prePrepares, prepares, checkpoints,
                   viewChanges, newViews>>

MutantNext ==
    \/ DoSendPrePrepare
    \/ \E r \in Correct, n \in Seqs, d \in Requests : AcceptPrimaryPrepare(r, view[r], n, d)
    \/ \E r \in Correct, n \in Seqs, d \in Values : CommitOnAccept(r, view[r], n, d)
    \/ DoExecute
    \/ CheckpointNext
    \/ ViewChangeNext

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
