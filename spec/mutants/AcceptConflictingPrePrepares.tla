--------------------- MODULE AcceptConflictingPrePrepares ---------------------
(***************************************************************************)
(* Mutant 7: a backup that accepts two different PRE-PREPAREs for one     *)
(* (v, n). Beside PBFT: ReceivePrePrepare loses its duplicate check.       *)
(* Expected: AgreementInv fails. The Byzantine primary of view 0 sends     *)
(* r1 and r2, both at (0, 1), to replicas 1 and 2, which accept and        *)
(* PREPARE both; each request has 2f PREPAREs, both prepare and commit,    *)
(* and replica 1 executes r1 while replica 2 executes r2 (11 states).      *)
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

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
