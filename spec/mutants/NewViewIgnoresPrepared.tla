------------------------ MODULE NewViewIgnoresPrepared ------------------------
(***************************************************************************)
(* Mutant 5: a NEW-VIEW that ignores the prepared certificates P of the    *)
(* VIEW-CHANGEs: O is empty, and the new primary starts afresh above the   *)
(* latest stable checkpoint.                                               *)
(* Beside PBFT: the cfg replaces ComputeNewView by ComputeNewViewWithoutP. *)
(* Expected: AgreementInv fails. r1 commits at sequence number 1 in view 0 *)
(* and replicas 1 and 2 execute it; replica 3 has not yet. The new primary *)
(* of view 1 orders r2 at sequence number 1, replica 3 and the others      *)
(* prepare and commit it, and replica 3 executes r2 where 1 and 2 have r1. *)
(***************************************************************************)
EXTENDS PBFT

ComputeNewViewWithoutP(v, V) ==
    LET minS == Max({m.n : m \in V})
        ckpt == CHOOSE m \in V : m.n = minS
    IN  NVMsg(v, minS, ckpt.s, {})

MutantNext == Next
=============================================================================
