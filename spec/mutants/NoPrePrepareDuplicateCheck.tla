---------------------- MODULE NoPrePrepareDuplicateCheck ----------------------
(***************************************************************************)
(* Mutant 2: mutant 1 with the duplicate check put back: a backup accepts  *)
(* at most one request per (v, n). Still broken, through a view change.    *)
(* Beside PBFT: SendCommit loses its PrepareQuorum guard.                  *)
(* Expected: AgreementInv fails. The Byzantine primary of view 0 sends r1  *)
(* to replicas 1 and 2 and r2 to replica 3. Replicas 1 and 2 (and the      *)
(* primary) COMMIT r1 and replica 2 executes it. In the view change to     *)
(* view 1, the VIEW-CHANGEs of replicas 1 and 3 carry certificates of the  *)
(* same view 0, for r1 and for r2: nothing tells the new primary which one *)
(* may have committed (in PBFT two prepared certificates of one view never *)
(* disagree). It picks r2, and replica 3 executes r2 at sequence number 1. *)
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
=============================================================================
