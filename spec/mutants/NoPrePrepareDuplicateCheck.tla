---------------------- MODULE NoPrePrepareDuplicateCheck ----------------------
(***************************************************************************)
(* Mutant 2: mutant 1 with the duplicate check put back: a backup accepts  *)
(* at most one request per (v, n). Still broken, through a view change.    *)
(* Beside PBFT: SendCommit loses its PrepareQuorum guard.                  *)
(* Expected: AgreementInv fails. The Byzantine primary of view 0 sends r1  *)
(* to replica 1 and r2 to replicas 2 and 3. Replicas 2 and 3 (and the      *)
(* primary) COMMIT r2 and replica 2 executes it. In the view change to     *)
(* view 1, the new primary (replica 1) holds a view-0 certificate for r1   *)
(* and replica 2 one for r2: certificates of the same view that disagree,  *)
(* which PBFT's prepare phase makes impossible, so nothing tells which one *)
(* may have committed. O picks r1; replicas 1 and 2 commit it in view 1    *)
(* and replica 1 executes r1 at sequence number 1 (15 states).             *)
(***************************************************************************)
EXTENDS PBFT

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
    \/ DoReceivePrePrepare
    \/ \E r \in Correct, n \in Seqs, d \in Values : CommitOnAccept(r, view[r], n, d)
    \/ DoExecute
    \/ CheckpointNext
    \/ ViewChangeNext

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
