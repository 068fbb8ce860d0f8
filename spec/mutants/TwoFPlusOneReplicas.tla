------------------------- MODULE TwoFPlusOneReplicas -------------------------
(***************************************************************************)
(* Mutant 6: the lecture's first design step: 2f+1 replicas that wait for  *)
(* f+1 matching messages. Beside PBFT: the cfg sets N = 3 and replaces     *)
(* Quorum by FPlusOne, and waives the quorum-intersection assumption.      *)
(* Expected: AgreementInv fails. Two quorums of f+1 out of 2f+1 share one  *)
(* replica, which may be the Byzantine primary: it sends r1 to replica 1   *)
(* and r2 to replica 2, and each executes its own request at sequence      *)
(* number 1 with the primary's messages making up the rest (7 states).     *)
(***************************************************************************)
EXTENDS PBFT

FPlusOne == F + 1

WaivedQuorumAssumption == TRUE

MutantNext == Next

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
