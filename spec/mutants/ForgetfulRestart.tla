--------------------------- MODULE ForgetfulRestart ---------------------------
(***************************************************************************)
(* Mutant 8: a restart that forgets. A correct replica comes back from a   *)
(* crash with an empty state, as the implementation did before it kept a  *)
(* write-ahead log: view 0, status normal, no checkpoint, nothing          *)
(* executed, and no log. In the spec a correct replica's log is the set of *)
(* messages it sent, so forgetting its log removes its entries from the    *)
(* message sets; those messages are then never delivered again, which the  *)
(* network may do anyway (it may lose any message), so every behaviour of  *)
(* this mutant is one of a replica that forgets on restart. Every guard    *)
(* that stops a correct replica from contradicting itself (one PREPARE per *)
(* (v, n), one COMMIT, one NEW-VIEW per view) reads its own log: after the *)
(* restart nothing stops it.                                               *)
(* Beside PBFT: NextWithRestart with Restart(r, k) replaced by              *)
(* ForgetfulRestart(r).                                                     *)
(* Expected: AgreementInv fails. The Byzantine primary 0 equivocates: r1  *)
(* at sequence number 1 to replicas 1 and 2, r2 to replica 3; each accepts *)
(* (PREPARE). Replicas 1 and 2 are prepared for r1 (2f PREPAREs) and send  *)
(* COMMIT; with the primary's COMMIT replica 1 executes r1. Replica 2      *)
(* crashes and restarts with an empty state and accepts the primary's r2   *)
(* at the same (0, 1); replicas 2 and 3 are prepared for r2 and COMMIT it, *)
(* and with the primary's COMMIT replica 2 executes r2 at sequence number  *)
(* 1 (12 states). With the spec's Restart, replica 2's PREPARE of r1 is    *)
(* still in its log and ReceivePrePrepare refuses r2. The model has view 0 *)
(* only, so that TLC refutes it in a second; with views 0..1 it finds the  *)
(* same 12 states in about 13 s.                                           *)
(***************************************************************************)
EXTENDS PBFT

ForgetfulRestart(r) ==
    /\ r \in Correct
    /\ view' = [view EXCEPT ![r] = 0]
    /\ status' = [status EXCEPT ![r] = "normal"]
    /\ h' = [h EXCEPT ![r] = 0]
    /\ executed' = [executed EXCEPT ![r] = <<>>]
    /\ prePrepares' = {pp \in prePrepares : Primary(pp[1]) # r}
    /\ prepares' = {p \in prepares : p[4] # r}
    /\ commits' = {c \in commits : c[4] # r}
    /\ checkpoints' = {c \in checkpoints : c[3] # r}
    /\ viewChanges' = {m \in viewChanges : m.i # r}
    /\ newViews' = {m \in newViews : Primary(m.v) # r}

MutantNext ==
    \/ Next
    \/ \E r \in Correct : ForgetfulRestart(r)

\* The same with PBFT's eager steps (as in ReducedNext), for the -reduced cfgs.
MutantReducedNext == Eagerly(ExecuteNext, MutantNext)
=============================================================================
