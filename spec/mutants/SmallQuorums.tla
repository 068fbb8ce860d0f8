---------------------------- MODULE SmallQuorums ----------------------------
(***************************************************************************)
(* Mutant 4: 3f+1 replicas, but certificates of 2f instead of 2f+1.        *)
(* Beside PBFT: the cfg replaces Quorum by SmallQuorum. Two quorums of 2f  *)
(* out of 3f+1 may share only the Byzantine replica, so the assumption the *)
(* protocol rests on is false; the cfg waives it so that TLC shows what    *)
(* goes wrong instead of stopping at the ASSUME.                           *)
(* Expected: AgreementInv fails. The Byzantine primary of view 0 sends r1  *)
(* to replica 1 and r2 to replica 2. A backup's own PREPARE now prepares   *)
(* and two COMMITs commit: replica 1 executes r1 with the primary's        *)
(* COMMIT, replica 2 executes r2 the same way (7 states).                  *)
(***************************************************************************)
EXTENDS PBFT

SmallQuorum == 2 * F

WaivedQuorumAssumption == TRUE

MutantNext == Next

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
