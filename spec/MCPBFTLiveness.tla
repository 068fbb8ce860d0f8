--------------------------- MODULE MCPBFTLiveness ---------------------------
(***************************************************************************)
(* Liveness of PBFT, checked by TLC: every request is eventually executed *)
(* by every correct replica (proofs-notes/09-liveness-sketch.md).          *)
(*                                                                         *)
(* The behaviours are those of PBFT's Next, unchanged: the Byzantine       *)
(* replicas have the safety models' powers (ByzSendsAnything): a          *)
(* Byzantine primary may stay silent (nothing forces a backup to accept   *)
(* its PRE-PREPARE), but its PREPAREs, COMMITs and VIEW-CHANGEs exist for *)
(* every value whether it sends them or not, so those always help.        *)
(* MCPBFTLivenessByz takes that help away (views 0..2). Correct replicas  *)
(* may time out early. What this module adds is fairness, for correct     *)
(* replicas only:                                                          *)
(*  - every step a correct replica can take on messages of correct        *)
(*    replicas is eventually taken while it stays possible (weak           *)
(*    fairness): the network eventually delivers correct replicas'         *)
(*    messages. Nothing forces a correct replica to accept a Byzantine     *)
(*    primary's PRE-PREPARE or NEW-VIEW: a faulty primary may stay silent. *)
(*  - a correct replica's view-change timer eventually fires while a       *)
(*    request is pending at it (Pending), and only then: a replica with    *)
(*    nothing to wait for never times out (fairness does not force it).    *)
(* Eventual synchrony is the bound MaxView: once every correct replica is *)
(* in the last view, no timer fires any more, as after stabilisation with  *)
(* timeouts grown beyond the time a correct primary needs. The model must *)
(* therefore make the primary of MaxView correct (ASSUME below): the       *)
(* F + 1 consecutive views of section 9.2 are views 0..MaxView.            *)
(*                                                                         *)
(* Clients: every request of Requests is sent at the start and             *)
(* retransmitted to every replica (section 9.1), so it is pending at every *)
(* correct replica that has not executed it.                               *)
(***************************************************************************)
EXTENDS PBFT, TLC

ASSUME Primary(MaxView) \in Correct

(* A request is waiting at r: its view-change timer runs. *)
Executed(r, d) == \E i \in 1 .. Len(executed[r]) : executed[r][i] = d
Pending(r) == \E d \in Requests : ~ Executed(r, d)

(* The timer of r expires while a request is pending. *)
TimeoutWhilePending(r) == Pending(r) /\ StartViewChange(r)

(* Each correct replica's steps on correct replicas' messages, one fairness *)
(* condition per replica and per kind of step.                              *)
FairSendPrePrepare(r)    == \E d \in Requests : SendPrePrepare(r, d)
FairReceivePrePrepare(r) == /\ Primary(view[r]) \in Correct
                            /\ \E n \in Seqs, d \in Requests : ReceivePrePrepare(r, view[r], n, d)
FairSendCommit(r)        == \E n \in Seqs, d \in Values : SendCommit(r, view[r], n, d)
FairExecute(r)           == \E v \in Views, d \in Values : Execute(r, v, Len(executed[r]) + 1, d)
FairCheckpoint(r)        == \E c \in checkpoints : StableCheckpoint(r, c[1], c[2]) \/ StateTransfer(r, c[1], c[2])
FairJoinViewChange(r)    == \E v \in Views : JoinViewChange(r, v)
FairSendNewView(r)       == /\ r = Primary(view[r]) /\ status[r] = "viewchange"
                            /\ \E nv \in JustifiableNewViews(view[r]) : SendNewView(r, nv)
FairReceiveNewView(r)    == \E nv \in newViews : ReceiveNewView(r, nv)

ReplicaFairness(r) ==
    /\ WF_vars(FairSendPrePrepare(r))
    /\ WF_vars(FairReceivePrePrepare(r))
    /\ WF_vars(FairSendCommit(r))
    /\ WF_vars(FairExecute(r))
    /\ WF_vars(FairCheckpoint(r))
    /\ WF_vars(TimeoutWhilePending(r))
    /\ WF_vars(FairJoinViewChange(r))
    /\ WF_vars(FairSendNewView(r))
    /\ WF_vars(FairReceiveNewView(r))

Fairness == \A r \in Correct : ReplicaFairness(r)

LiveSpec == Spec /\ Fairness

(* Every request is eventually executed by every correct replica. Stated   *)
(* as one <> rather than \A d, r : <>Executed(r, d): the two are equal     *)
(* because Next never shortens executed (no Restart), and TLC checks one   *)
(* <> as one branch instead of one per pair, in half the time.             *)
ExecutionLivenessProp == <>(\A d \in Requests : \A r \in Correct : Executed(r, d))

=============================================================================
