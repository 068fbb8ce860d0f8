-------------------------- MODULE NoJoinViewChange --------------------------
(***************************************************************************)
(* Liveness mutant: no f+1 join rule. A correct replica moves to a later   *)
(* view only when its own timer fires, never because f+1 others asked for  *)
(* it (PBFT.tla!JoinViewChange is gone, from Next and from the fairness).  *)
(* Beside MCPBFTLiveness: MutantNext leaves out DoJoinViewChange.          *)
(* Expected: ExecutionLivenessProp fails with a lasso that stutters      *)
(* forever (10 states). The Byzantine primary of view 0 sends r1 to        *)
(* replicas 1 and 3 only; both prepare and COMMIT it. Replica 2 never      *)
(* accepts r1: its timer fires and it moves to view 1; replica 3's fires   *)
(* too, before it executes. With the primary's COMMIT, replicas 1 and 3    *)
(* execute r1. Replica 1, the primary of view 1, has nothing pending, so   *)
(* its timer never fires; without the join rule it stays in view 0, never *)
(* sends NEW-VIEW, and replica 2 waits for one forever without executing   *)
(* r1. With the rule, the VIEW-CHANGEs of 2 and 3 make replica 1 join.     *)
(***************************************************************************)
EXTENDS MCPBFTLiveness

MutantNext == NormalCaseNext \/ CheckpointNext
              \/ DoStartViewChange \/ DoSendNewView \/ DoReceiveNewView

MutantFairness ==
    \A r \in Correct :
        /\ WF_vars(FairSendPrePrepare(r))
        /\ WF_vars(FairReceivePrePrepare(r))
        /\ WF_vars(FairSendCommit(r))
        /\ WF_vars(FairExecute(r))
        /\ WF_vars(FairCheckpoint(r))
        /\ WF_vars(TimeoutWhilePending(r))
        /\ WF_vars(FairSendNewView(r))
        /\ WF_vars(FairReceiveNewView(r))

MutantSpec == Init /\ [][MutantNext]_vars /\ MutantFairness
=============================================================================
