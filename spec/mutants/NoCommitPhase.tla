---------------------------- MODULE NoCommitPhase ----------------------------
(***************************************************************************)
(* Mutant 3: no commit phase. A replica executes a request as soon as it   *)
(* is prepared.                                                            *)
(* Beside PBFT: Execute requires Prepared instead of CommittedLocal.       *)
(* Expected: AgreementInv fails. Replicas 1 and 2 accept r1 at sequence    *)
(* number 1 in view 0; replica 2 is prepared (2f PREPAREs) and executes    *)
(* it. Replicas 1 and 3 time out; the NEW-VIEW of view 1 is built from the *)
(* VIEW-CHANGEs of 1, 3 and the Byzantine 0, none of which carries r1, so  *)
(* O is empty. The new primary orders r2 at sequence number 1 and, once    *)
(* replica 2 PREPAREs it, executes r2 there (13 states).                   *)
(***************************************************************************)
EXTENDS PBFT

ExecuteWhenPrepared(r, v, n, d) ==
    /\ r \in Correct
    /\ n = Len(executed[r]) + 1
    /\ n > h[r]
    /\ Prepared(r, v, n, d)
    /\ executed' = [executed EXCEPT ![r] = Append(@, d)]
    /\ checkpoints' = IF n % K = 0 THEN checkpoints \cup {<<n, executed'[r], r>>}
                                   ELSE checkpoints
    /\ UNCHANGED <<view, status, h, prePrepares, prepares, commits, viewChanges,
                   newViews>>

ExecuteWhenPreparedNext(r) ==
    \E v \in Views, d \in Values : ExecuteWhenPrepared(r, v, Len(executed[r]) + 1, d)

MutantNext ==
    \/ DoSendPrePrepare
    \/ DoReceivePrePrepare
    \/ DoSendCommit
    \/ \E r \in Correct : ExecuteWhenPreparedNext(r)
    \/ CheckpointNext
    \/ ViewChangeNext

\* The same with PBFT's eager steps (as in ReducedNext), for NoCommitPhase-reduced.cfg:
\* the execution done eagerly is this mutant's own.
MutantReducedNext == Eagerly(ExecuteWhenPreparedNext, MutantNext)
=============================================================================
