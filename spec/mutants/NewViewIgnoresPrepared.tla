------------------------ MODULE NewViewIgnoresPrepared ------------------------
(***************************************************************************)
(* Mutant 5: a NEW-VIEW that ignores the prepared certificates P of the    *)
(* VIEW-CHANGEs: O is empty, and the new primary starts afresh above the   *)
(* latest stable checkpoint.                                               *)
(* Beside PBFT: the cfg replaces ComputeNewView by ComputeNewViewWithoutP. *)
(* Expected: AgreementInv fails. Replicas 1 and 2 commit r1 at sequence    *)
(* number 1 in view 0 and replica 1 executes it. In view 1 O is empty;     *)
(* the new primary (replica 1) orders r2 at sequence number 1, replica 2   *)
(* prepares and commits it and executes r2 where replica 1 has r1          *)
(* (15 states).                                                            *)
(***************************************************************************)
EXTENDS PBFT

ComputeNewViewWithoutP(v, V) ==
    LET minS == Max({m.n : m \in V})
        ckpt == CHOOSE m \in V : m.n = minS
    IN  NVMsg(v, minS, ckpt.s, {})

MutantNext == Next

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
