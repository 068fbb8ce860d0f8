---------------------------- MODULE NoCommitPhase ----------------------------
(***************************************************************************)
(* Mutant 3: no commit phase. A replica executes a request as soon as it   *)
(* is prepared.                                                            *)
(* Beside PBFT: Execute requires Prepared instead of CommittedLocal.       *)
(* Expected: AgreementInv fails. Replica 3 prepares r1 at sequence number  *)
(* 1 in view 0 and executes it; nobody else prepared it. The view change   *)
(* to view 1 uses the VIEW-CHANGEs of replicas 0, 1 and 2, none of which   *)
(* carries r1 (the Byzantine one hides it), so the new primary puts r2 at  *)
(* sequence number 1 and replica 1 executes r2 there.                      *)
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

MutantNext ==
    \/ DoSendPrePrepare
    \/ DoReceivePrePrepare
    \/ DoSendCommit
    \/ \E r \in Correct, v \in Views, d \in Values : ExecuteWhenPrepared(r, v, Len(executed[r]) + 1, d)
    \/ CheckpointNext
    \/ ViewChangeNext
=============================================================================
