--------------------- MODULE AcceptConflictingPrePrepares ---------------------
(***************************************************************************)
(* Mutant 7: a backup that accepts two different PRE-PREPAREs for one     *)
(* (v, n). Beside PBFT: ReceivePrePrepare loses its duplicate check.       *)
(* Expected: AgreementInv fails. The Byzantine primary of view 0 sends r1  *)
(* to replicas 1 and 2 and r2 to replicas 1 and 3. Replica 1 PREPAREs both *)
(* requests, so both get 2f PREPAREs from backups: r1 prepares at 1 and 2, *)
(* r2 at 1 and 3, and with the primary's COMMITs replica 2 executes r1 and *)
(* replica 3 executes r2 at sequence number 1.                             *)
(***************************************************************************)
EXTENDS PBFT

ReceiveAnyPrePrepare(r, v, n, d) ==
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

MutantNext ==
    \/ DoSendPrePrepare
    \/ \E r \in Correct, n \in Seqs, d \in Requests : ReceiveAnyPrePrepare(r, view[r], n, d)
    \/ DoSendCommit
    \/ DoExecute
    \/ CheckpointNext
    \/ ViewChangeNext
=============================================================================
