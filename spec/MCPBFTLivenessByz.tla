------------------------- MODULE MCPBFTLivenessByz -------------------------
(***************************************************************************)
(* Liveness of PBFT over views 0..2 against a Byzantine replica that sends *)
(* only what it chooses to send, when it chooses (spec/README.md,          *)
(* "Liveness"). Two properties: every request is eventually executed by    *)
(* every correct replica (ExecutionLivenessProp), and eventually all       *)
(* correct replicas are in one view, in normal operation, for good         *)
(* (ViewConvergenceProp: the group stays whole).                           *)
(*                                                                         *)
(* The Byzantine replica. ByzSendsAnything is FALSE here (the cfg          *)
(* overrides it): its messages exist only once it sent them, stored in     *)
(* the variables of the correct replicas' messages. Its sends are actions  *)
(* without fairness: it may stay silent, send late, or send some messages  *)
(* and not others. Repertoire, bounded to what can matter in this model    *)
(* (one request, one sequence number, no checkpoint since K > MaxSeq):     *)
(* PRE-PREPARE of a request in its views, PREPARE and COMMIT of a request  *)
(* in any view, VIEW-CHANGE for any view above 0 with any stable           *)
(* checkpoint and certificates it can prove (ByzViewChanges: it cannot     *)
(* forge). It sends no CHECKPOINT (none can matter: no sequence number is  *)
(* a checkpoint) and no NEW-VIEW (it is the primary of view 0 only: the    *)
(* ASSUME below). Null is left out of its PREPAREs and COMMITs: with one   *)
(* sequence number no NEW-VIEW has a gap to fill.                          *)
(*                                                                         *)
(* Delivery. Messages are signed and a correct replica relays what it      *)
(* received, so a message once sent reaches every correct replica: each    *)
(* correct replica's steps on any sent message, the Byzantine replica's    *)
(* included, are weakly fair. (So the Byzantine primary cannot send its    *)
(* PRE-PREPARE to some correct backups only; it can choose when to send.)  *)
(*                                                                         *)
(* Timing: an abstraction of the period after stabilisation (eventual      *)
(* synchrony), in two rules.                                               *)
(*  - Quiet: a correct replica's timer expires only in a state where no    *)
(*    correct replica has a fair step enabled: every message among         *)
(*    correct replicas has been delivered and acted on; timeouts are       *)
(*    longer than delivery and processing.                                 *)
(*  - Together (TimersTogether): timers that started together expire       *)
(*    together: the request timers of the correct replicas waiting for a   *)
(*    request in one view (they received it together, from the client's    *)
(*    multicast), and the NEW-VIEW timers of those waiting for NEW-VIEW of *)
(*    one view. One Timeout step moves all of them to the next view.       *)
(* Which timers run: a request timer while a request is pending (status    *)
(* "normal"); a NEW-VIEW timer as PBFT.tla!StartViewChange allows          *)
(* (NewViewTimerRuns, liveness rule 1); none in MaxView, the view after    *)
(* which timeouts have grown past what a correct primary needs. Timeout    *)
(* replaces PBFT's StartViewChange: for one replica it is StartViewChange  *)
(* with the timing above.                                                  *)
(* What the abstraction leaves out: timeouts before stabilisation, a       *)
(* correct replica slower than the others, requests that reach replicas at *)
(* different times, the doubling of timeouts (MaxView stands for it), and  *)
(* message loss (fairness stands for retransmission).                      *)
(* With both rules no correct replica goes past view 1 (the correct        *)
(* primary of view 1 always completes); view 2 is named only by the        *)
(* Byzantine replica's VIEW-CHANGEs, which never make a correct replica    *)
(* join it.                                                                *)
(* MCPBFTLivenessByz-async.cfg drops Together (TimersTogether <- MCFalse): *)
(* one replica's timer may then expire alone, and TLC shows that           *)
(* ViewConvergenceProp fails for PBFT as published, under either timer     *)
(* rule: the replica that left alone is never followed nor brought back.   *)
(***************************************************************************)
EXTENDS PBFT, TLC

MCFalse == FALSE

(* Overridden by MCPBFTLivenessByz-async.cfg.                              *)
TimersTogether == TRUE

ASSUME ~ByzSendsAnything
ASSUME \A v \in Views : v > 0 => Primary(v) \in Correct

Executed(r, d) == \E i \in 1 .. Len(executed[r]) : executed[r][i] = d
Pending(r) == \E d \in Requests : ~ Executed(r, d)

(***************************************************************************)
(* The Byzantine replicas' sends: no fairness.                             *)
(***************************************************************************)
ByzUnchangedBut(msgs) == msgs /\ UNCHANGED <<view, status, h, executed>>

ByzPrePrepare(q, v, n, d) ==
    /\ q = Primary(v)
    /\ <<v, n, d>> \notin prePrepares
    /\ ByzUnchangedBut(/\ prePrepares' = prePrepares \cup {<<v, n, d>>}
                       /\ UNCHANGED <<prepares, commits, checkpoints, viewChanges, newViews>>)

ByzPrepare(q, v, n, d) ==
    /\ q # Primary(v)
    /\ <<v, n, d, q>> \notin prepares
    /\ ByzUnchangedBut(/\ prepares' = prepares \cup {<<v, n, d, q>>}
                       /\ UNCHANGED <<prePrepares, commits, checkpoints, viewChanges, newViews>>)

ByzCommit(q, v, n, d) ==
    /\ <<v, n, d, q>> \notin commits
    /\ ByzUnchangedBut(/\ commits' = commits \cup {<<v, n, d, q>>}
                       /\ UNCHANGED <<prePrepares, prepares, checkpoints, viewChanges, newViews>>)

ByzViewChange(q, v) ==
    \E m \in ByzViewChanges(q, v) :
        /\ m \notin viewChanges
        /\ ByzUnchangedBut(/\ viewChanges' = viewChanges \cup {m}
                           /\ UNCHANGED <<prePrepares, prepares, commits, checkpoints, newViews>>)

ByzNext ==
    \E q \in Byz :
        \/ \E v \in Views, n \in Seqs, d \in Requests :
               ByzPrePrepare(q, v, n, d) \/ ByzPrepare(q, v, n, d) \/ ByzCommit(q, v, n, d)
        \/ \E v \in Views \ {0} : ByzViewChange(q, v)

(***************************************************************************)
(* The correct replicas' steps on sent messages: all fair.                 *)
(***************************************************************************)
FairSendPrePrepare(r)    == \E d \in Requests : SendPrePrepare(r, d)
FairReceivePrePrepare(r) == \E pp \in prePrepares : /\ pp[1] = view[r]
                                                   /\ ReceivePrePrepare(r, pp[1], pp[2], pp[3])
FairSendCommit(r)        == \E n \in Seqs, d \in Values : SendCommit(r, view[r], n, d)
FairExecute(r)           == ExecuteNext(r)
FairCheckpoint(r)        == \E c \in checkpoints : StableCheckpoint(r, c[1], c[2]) \/ StateTransfer(r, c[1], c[2])
FairJoinViewChange(r)    == \E v \in Views : JoinViewChange(r, v)
FairSendNewView(r)       == /\ r = Primary(view[r]) /\ status[r] = "viewchange"
                            /\ \E nv \in JustifiableNewViews(view[r]) : SendNewView(r, nv)
FairReceiveNewView(r)    == \E nv \in newViews : ReceiveNewView(r, nv)

Step(r) ==
    \/ FairSendPrePrepare(r) \/ FairReceivePrePrepare(r) \/ FairSendCommit(r)
    \/ FairExecute(r) \/ FairCheckpoint(r) \/ FairJoinViewChange(r)
    \/ FairSendNewView(r) \/ FairReceiveNewView(r)

(* No correct replica can act on what has been sent: every message among   *)
(* correct replicas is delivered.                                          *)
Quiet == \A r \in Correct : ~ ENABLED Step(r)

(***************************************************************************)
(* Timers. The mutant OldNewViewTimer overrides NewViewTimerRuns.          *)
(***************************************************************************)
RequestTimerRuns(r) == status[r] = "normal" /\ Pending(r)

(* Liveness rule 1: the NEW-VIEW timer runs only with 2f+1 VIEW-CHANGEs for*)
(* r's view; the guard of PBFT.tla!StartViewChange.                        *)
TimerRuns(r) ==
    /\ view[r] < MaxView
    /\ \/ RequestTimerRuns(r)
       \/ status[r] = "viewchange" /\ NewViewTimerRuns(r)

(* The replicas whose timers expire with r's.                              *)
ExpiringWith(r) ==
    IF TimersTogether
    THEN {q \in Correct : view[q] = view[r] /\ status[q] = status[r] /\ TimerRuns(q)}
    ELSE {r}

(* Every replica of S moves to its next view and multicasts VIEW-CHANGE, as*)
(* PBFT.tla!StartViewChange does for one.                                  *)
MoveAllToNextView(S) ==
    /\ view' = [q \in Replicas |-> IF q \in S THEN view[q] + 1 ELSE view[q]]
    /\ status' = [q \in Replicas |-> IF q \in S THEN "viewchange" ELSE status[q]]
    /\ viewChanges' = viewChanges \cup {MyViewChange(q, view[q] + 1) : q \in S}
    /\ UNCHANGED <<h, executed, prePrepares, prepares, commits, checkpoints, newViews>>

\* Java: ViewChanging.startViewChange (PBFT.tla!StartViewChange, timed)
Timeout(r) ==
    /\ r \in Correct
    /\ TimerRuns(r)
    /\ Quiet
    /\ MoveAllToNextView(ExpiringWith(r))

CorrectNext == NormalCaseNext \/ CheckpointNext \/ DoJoinViewChange \/ DoSendNewView
               \/ DoReceiveNewView

LiveNext == CorrectNext \/ (\E r \in Correct : Timeout(r)) \/ ByzNext

Fairness ==
    \A r \in Correct :
        /\ WF_vars(FairSendPrePrepare(r))
        /\ WF_vars(FairReceivePrePrepare(r))
        /\ WF_vars(FairSendCommit(r))
        /\ WF_vars(FairExecute(r))
        /\ WF_vars(FairCheckpoint(r))
        /\ WF_vars(FairJoinViewChange(r))
        /\ WF_vars(FairSendNewView(r))
        /\ WF_vars(FairReceiveNewView(r))
        /\ WF_vars(Timeout(r))

LiveSpec == Init /\ [][LiveNext]_vars /\ Fairness

(***************************************************************************)
(* Properties.                                                             *)
(***************************************************************************)
(* Every request is eventually executed by every correct replica (Next     *)
(* never shortens executed, so <> of the conjunction is the conjunction of *)
(* the <>s).                                                               *)
ExecutionLivenessProp == <>(\A d \in Requests : \A r \in Correct : Executed(r, d))

(* Eventually, for good, all correct replicas are in one view and none is  *)
(* waiting for a NEW-VIEW. ([] because a correct replica could leave the   *)
(* view again; "normal" because a group all waiting for a NEW-VIEW that    *)
(* never comes is not working.)                                            *)
InOneView == \E v \in Views : \A r \in Correct : view[r] = v /\ status[r] = "normal"
ViewConvergenceProp == <>[]InOneView

=============================================================================
