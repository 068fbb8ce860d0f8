-------------------------------- MODULE PBFT --------------------------------
(***************************************************************************)
(* Practical Byzantine Fault Tolerance (Castro & Liskov, OSDI'99 section 4,*)
(* TOCS'02): normal case, checkpoints with garbage collection, state       *)
(* transfer and view change, for N replicas of which the set Byz (at most  *)
(* F of them) is Byzantine.                                                *)
(*                                                                         *)
(* Modelling choices, each one a reduction that keeps the protocol's       *)
(* meaning (spec/README.md argues each):                                   *)
(*  - A request is identified with its digest: the collision-resistance    *)
(*    assumption of the paper. Null is the null request of NEW-VIEW.       *)
(*  - Messages are sets of tuples that only grow; the network may deliver  *)
(*    any sent message, any number of times, in any order. In the safety   *)
(*    models (ByzSendsAnything) only correct replicas' messages are        *)
(*    stored. A Byzantine replica's PREPARE, COMMIT                        *)
(*    and CHECKPOINT are simply available for every value (it may          *)
(*    equivocate freely); its PRE-PREPARE, VIEW-CHANGE and NEW-VIEW are    *)
(*    synthesized at the moment a correct replica receives or uses them,   *)
(*    restricted to what it could sign and prove (it cannot forge a        *)
(*    correct replica's message nor a certificate it does not hold). The   *)
(*    liveness model MCPBFTLivenessByz stores what it sends instead.       *)
(*  - A correct replica's log is the set of messages it sent: it accepted  *)
(*    PRE-PREPARE(v,n,d) iff it sent PREPARE(v,n,d) (or, as primary, the   *)
(*    PRE-PREPARE); it is prepared(d,v,n) iff it sent COMMIT(v,n,d), since *)
(*    a correct replica multicasts COMMIT in the step in which it becomes  *)
(*    prepared. Garbage collection is the watermark guard: a replica       *)
(*    ignores every entry at or below its stable checkpoint h.             *)
(*  - executed[r] is the sequence of requests r executed; its prefix up to *)
(*    n is the service state (and its digest) at checkpoint n.             *)
(*  - A correct replica may crash and restart (Restart): it keeps what it  *)
(*    sent and may lose executions above its stable checkpoint. Checked in *)
(*    models of their own (NextWithRestart), not in Next.                  *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS
    N,          \* number of replicas; replicas are 0..N-1
    F,          \* number of faults tolerated
    Byz,        \* the Byzantine replicas
    Requests,   \* client requests (their digests)
    Null,       \* the null request put in gaps by NEW-VIEW
    MaxView,    \* model bound: views 0..MaxView
    MaxSeq,     \* model bound: sequence numbers 1..MaxSeq
    K,          \* checkpoint interval
    L           \* log window: sequence numbers in (h, h+L]

Replicas == 0 .. N-1
Correct  == Replicas \ Byz
Views    == 0 .. MaxView
Seqs     == 1 .. MaxSeq
Values   == Requests \cup {Null}
Primary(v) == v % N

(***************************************************************************)
(* Certificate sizes. Every threshold of the protocol is derived here.     *)
(***************************************************************************)
\* The smallest Q with 2Q - N >= F + 1; 2F + 1 when N = 3F + 1 (Java: core.Quorums).
Quorum     == (N + F + 2) \div 2   \* prepared (with the pre-prepare), committed, stable, NEW-VIEW
WeakQuorum == F + 1       \* join a view change; client accepts a reply

(* Any two quorums share at least one correct replica (2Q - N >= F + 1),   *)
(* and a quorum of correct replicas exists so that the protocol can make   *)
(* progress. Mutants that break it on purpose override this operator.      *)
QuorumIntersectionAssumption ==
    /\ Byz \subseteq Replicas
    /\ Cardinality(Byz) <= F
    /\ 2 * Quorum - N >= F + 1
    /\ Quorum <= N - F
    /\ Null \notin Requests
    /\ K >= 1 /\ L >= K /\ L % K = 0

ASSUME QuorumIntersectionAssumption

Max(S) == CHOOSE x \in S : \A y \in S : y <= x

VARIABLES
    view,         \* view[r]: the view replica r is in (or moving to)
    status,       \* "normal", or "viewchange" after sending VIEW-CHANGE until NEW-VIEW
    h,            \* low watermark: sequence number of r's stable checkpoint
    executed,     \* sequence of requests r executed, in order
    prePrepares,  \* <<v, n, d>>: PRE-PREPARE sent by the correct primary of v
    prepares,     \* <<v, n, d, r>>: PREPARE sent by correct backup r
    commits,      \* <<v, n, d, r>>: COMMIT sent by correct replica r
    checkpoints,  \* <<n, s, r>>: CHECKPOINT(n, state s) sent by correct r
    viewChanges,  \* VIEW-CHANGE messages sent by correct replicas
    newViews      \* NEW-VIEW messages sent by correct primaries

vars == <<view, status, h, executed, prePrepares, prepares, commits,
          checkpoints, viewChanges, newViews>>

(***************************************************************************)
(* Message shapes.                                                         *)
(***************************************************************************)
Cert == Views \X Seqs \X Values          \* a prepared certificate <<v, n, d>>
State == Seq(Values)                      \* a service state: the executed requests
\* A VIEW-CHANGE(v, n, s, P, i): the stable checkpoint (n, s) and the set P of
\* prepared certificates above it, at most one (the highest-view one) per n.
VCMsg(v, n, s, P, i) == [v |-> v, n |-> n, s |-> s, P |-> P, i |-> i]
\* A NEW-VIEW(v, O) with the checkpoint (minS, s) that V proves; O is a set of
\* <<n, d>> for every n in (minS, maxS].
NVMsg(v, minS, s, O) == [v |-> v, minS |-> minS, s |-> s, O |-> O]

TypeOK ==
    /\ view \in [Replicas -> Views]
    /\ status \in [Replicas -> {"normal", "viewchange"}]
    /\ h \in [Replicas -> 0 .. MaxSeq]
    /\ \A r \in Replicas : /\ executed[r] \in Seq(Values)
                           /\ Len(executed[r]) <= MaxSeq
    /\ prePrepares \subseteq Views \X Seqs \X Values
    /\ prepares \subseteq Views \X Seqs \X Values \X Replicas
    /\ commits \subseteq Views \X Seqs \X Values \X Replicas
    /\ \A c \in checkpoints : c[1] \in Seqs /\ c[3] \in Replicas /\ Len(c[2]) = c[1]
    /\ \A m \in viewChanges : /\ m.v \in Views /\ m.i \in Replicas
                              /\ m.n \in 0 .. MaxSeq /\ m.P \subseteq Cert
    /\ \A m \in newViews : m.v \in Views /\ m.minS \in 0 .. MaxSeq

(***************************************************************************)
(* What a replica has sent. A Byzantine replica may have sent anything     *)
(* that carries its own identity.                                          *)
(***************************************************************************)
(* ByzSendsAnything: the safety models' shortcut, a Byzantine replica's    *)
(* PREPARE, COMMIT, CHECKPOINT, PRE-PREPARE, VIEW-CHANGE and NEW-VIEW exist  *)
(* for every value whether it sends them or not. A liveness model overrides *)
(* it with FALSE (MCPBFTLivenessByz.cfg: ByzSendsAnything <- MCFalse): a    *)
(* Byzantine replica's messages then exist only once it sent them, stored   *)
(* in the same variables as the correct replicas' (so a Byzantine replica   *)
(* can stay silent, which the shortcut cannot say).                         *)
ByzSendsAnything == TRUE
ByzAny(q) == q \in Byz /\ ByzSendsAnything

SentPrePrepare(v, n, d) ==
    IF ByzAny(Primary(v)) THEN TRUE ELSE <<v, n, d>> \in prePrepares

SentPrepare(q, v, n, d) == ByzAny(q) \/ <<v, n, d, q>> \in prepares

SentCommit(q, v, n, d) == ByzAny(q) \/ <<v, n, d, q>> \in commits

SentCheckpoint(q, n, s) == ByzAny(q) \/ <<n, s, q>> \in checkpoints

(* Replica r has accepted PRE-PREPARE(v, n, d) into its log. *)
Accepted(r, v, n, d) ==
    IF r = Primary(v) THEN <<v, n, d>> \in prePrepares ELSE <<v, n, d, r>> \in prepares

InWindow(r, n) == h[r] < n /\ n <= h[r] + L

(* The paper's predicates, for a correct replica r. prepared(m, v, n, i):   *)
(* the pre-prepare and 2f matching PREPAREs from distinct backups.          *)
PrepareQuorum(v, n, d) ==
    Cardinality({q \in Replicas \ {Primary(v)} : SentPrepare(q, v, n, d)}) >= Quorum - 1

CommitQuorum(v, n, d) ==
    Cardinality({q \in Replicas : SentCommit(q, v, n, d)}) >= Quorum

\* r is prepared: recorded by r's own COMMIT (sent when it became prepared).
Prepared(r, v, n, d) == <<v, n, d, r>> \in commits

\* committed-local(m, v, n, i): prepared and 2f+1 matching COMMITs.
CommittedLocal(r, v, n, d) == Prepared(r, v, n, d) /\ CommitQuorum(v, n, d)

(* A prepared certificate that a Byzantine replica could present in its     *)
(* VIEW-CHANGE: the pre-prepare was sent and 2f backups sent PREPARE.        *)
ValidCert(c) == SentPrePrepare(c[1], c[2], c[3]) /\ PrepareQuorum(c[1], c[2], c[3])

(* The states whose checkpoint at n has 2f+1 matching CHECKPOINTs. Only      *)
(* states some correct replica checkpointed can reach the quorum.            *)
StableProof(n, s) == Cardinality({q \in Replicas : SentCheckpoint(q, n, s)}) >= Quorum
ProvableCheckpoints ==
    {<<0, <<>>>>} \cup {<<c[1], c[2]>> : c \in {c \in checkpoints : StableProof(c[1], c[2])}}

(***************************************************************************)
(* The view-change computations.                                           *)
(***************************************************************************)
(* P: for each n above r's stable checkpoint at which r prepared, the        *)
(* certificate of the highest view.                                          *)
PreparedSet(r) ==
    LET mine == {<<c[1], c[2], c[3]>> : c \in {c \in commits : c[4] = r /\ c[2] > h[r]}}
    IN  {c \in mine : \A c2 \in mine : c2[2] = c[2] => c2[1] <= c[1]}

StateAt(r, n) == SubSeq(executed[r], 1, n)

MyViewChange(r, v) == VCMsg(v, h[r], StateAt(r, h[r]), PreparedSet(r), r)

(* A VIEW-CHANGE m for view v that a Byzantine replica could send: its own   *)
(* identity, a stable checkpoint it can prove, and for some of the sequence  *)
(* numbers above it one valid certificate of a view below v each (it may     *)
(* hide what it prepared). Backups reject a VIEW-CHANGE for v that carries a *)
(* certificate of view v or later. A membership test: trace validation      *)
(* checks the VIEW-CHANGE a trace gives with it instead of enumerating.      *)
IsByzViewChange(m, v) ==
    /\ m.i \in Byz
    /\ m.v = v
    /\ <<m.n, m.s>> \in ProvableCheckpoints
    /\ \A c \in m.P : c \in Cert /\ c[1] < v /\ c[2] > m.n /\ ValidCert(c)
    /\ \A c1, c2 \in m.P : c1[2] = c2[2] => c1 = c2

(* Every VIEW-CHANGE a Byzantine replica q could send for view v: those of   *)
(* the shape above, built from the checkpoints and certificates it can prove.*)
ByzViewChanges(q, v) ==
    LET valid == {c \in Cert : c[1] < v /\ ValidCert(c)}
    IN  {m \in {VCMsg(v, ck[1], ck[2], P, q) : ck \in ProvableCheckpoints, P \in SUBSET valid} :
            IsByzViewChange(m, v)}

ViewChangesFrom(q, v) ==
    IF ByzAny(q) THEN ByzViewChanges(q, v) ELSE {m \in viewChanges : m.i = q /\ m.v = v}

(* NEW-VIEW's O computed from a set V of VIEW-CHANGEs: the latest stable     *)
(* checkpoint minS, and for every n in (minS, maxS] the request of the       *)
(* highest-view certificate at n, or the null request.                       *)
ComputeNewView(v, V) ==
    LET minS  == Max({m.n : m \in V})
        ckpt  == CHOOSE m \in V : m.n = minS
        certs == {c \in UNION {m.P : m \in V} : c[2] > minS}
        maxS  == Max({minS} \cup {c[2] : c \in certs})
        best(n) == CHOOSE c \in certs : c[2] = n /\ \A c2 \in certs : c2[2] = n => c2[1] <= c[1]
        pick(n) == IF \E c \in certs : c[2] = n THEN best(n)[3] ELSE Null
    IN  NVMsg(v, minS, ckpt.s, {<<n, pick(n)>> : n \in minS + 1 .. maxS})

(* The sets V made of one VIEW-CHANGE for view v from each replica in Q.     *)
RECURSIVE ViewChangeSets(_, _)
ViewChangeSets(v, Q) ==
    IF Q = {} THEN {{}}
    ELSE LET q == CHOOSE q \in Q : TRUE
         IN  UNION { {V \cup {m} : V \in ViewChangeSets(v, Q \ {q})} : m \in ViewChangesFrom(q, v) }

(* Every NEW-VIEW that a primary could justify with 2f+1 VIEW-CHANGEs for v  *)
(* from distinct replicas, among them its own. Backups accept exactly these: *)
(* they recompute O from V.                                                  *)
JustifiableNewViews(v) ==
    LET senders == {q \in Replicas : ByzAny(q) \/ \E m \in viewChanges : m.i = q /\ m.v = v}
    IN  UNION { {ComputeNewView(v, V) : V \in ViewChangeSets(v, Q)}
              : Q \in {Q \in SUBSET senders : Cardinality(Q) = Quorum /\ Primary(v) \in Q} }

(* The same as a membership test: nv \in JustifiableNewViews(v) iff some V   *)
(* with JustifiesNewView(V, v) has nv = ComputeNewView(v, V). Trace          *)
(* validation takes V from the trace instead of enumerating every V.         *)
JustifiesNewView(V, v) ==
    LET senders == {m.i : m \in V}
    IN  /\ Cardinality(V) = Quorum
        /\ Cardinality(senders) = Quorum
        /\ Primary(v) \in senders
        /\ \A m \in V : IF ByzAny(m.i) THEN IsByzViewChange(m, v)
                                      ELSE m \in viewChanges /\ m.v = v

(* Adopting a stable checkpoint (n, s): raise the low watermark, discarding  *)
(* the log at or below n, and fetch the state if r is behind it.             *)
AdoptCheckpoint(r, n, s) ==
    /\ h' = [h EXCEPT ![r] = n]
    /\ executed' = [executed EXCEPT ![r] = IF Len(@) < n THEN s ELSE @]

-----------------------------------------------------------------------------
(***************************************************************************)
(* Initial state.                                                          *)
(***************************************************************************)
Init ==
    /\ view = [r \in Replicas |-> 0]
    /\ status = [r \in Replicas |-> "normal"]
    /\ h = [r \in Replicas |-> 0]
    /\ executed = [r \in Replicas |-> <<>>]
    /\ prePrepares = {}
    /\ prepares = {}
    /\ commits = {}
    /\ checkpoints = {}
    /\ viewChanges = {}
    /\ newViews = {}

(***************************************************************************)
(* Normal case.                                                            *)
(***************************************************************************)
(* The correct primary of view v assigns the next sequence number to a      *)
(* request it has not executed nor ordered in this view.                    *)
\* Java: NormalCase.sendPrePrepare (fired by Replica.fireEnabledActions)
\* (Those at or below h[p] cannot be the maximum; leaving them out keeps the set
\* within the window, so that Max does not grow with a long trace.)
NextSeq(p) ==
    1 + Max({h[p]} \cup {pp[2] : pp \in {pp \in prePrepares : pp[1] = view[p] /\ pp[2] > h[p]}})

SendPrePrepare(p, d) ==
    LET v == view[p]
        n == NextSeq(p)
    IN
    /\ p \in Correct
    /\ p = Primary(v)
    /\ status[p] = "normal"
    /\ d \in Requests
    /\ \A i \in 1 .. Len(executed[p]) : executed[p][i] # d
    /\ \A pp \in prePrepares : pp[1] = v => pp[3] # d
    /\ n \in Seqs
    /\ InWindow(p, n)
    /\ prePrepares' = prePrepares \cup {<<v, n, d>>}
    /\ UNCHANGED <<view, status, h, executed, prepares, commits, checkpoints,
                   viewChanges, newViews>>

(* A backup accepts a PRE-PREPARE in its view, inside its watermarks, if it  *)
(* accepted no other request at (v, n), and multicasts PREPARE.              *)
\* Java: NormalCase.onPrePrepare
ReceivePrePrepare(r, v, n, d) ==
    /\ r \in Correct
    /\ v = view[r]
    /\ status[r] = "normal"
    /\ r # Primary(v)
    /\ d \in Requests
    /\ SentPrePrepare(v, n, d)
    /\ InWindow(r, n)
    /\ \A d2 \in Values : <<v, n, d2, r>> \notin prepares
    /\ prepares' = prepares \cup {<<v, n, d, r>>}
    /\ UNCHANGED <<view, status, h, executed, prePrepares, commits, checkpoints,
                   viewChanges, newViews>>

(* prepared(d, v, n, r) becomes true: r multicasts COMMIT.                   *)
\* Java: NormalCase.sendCommit (fired by Replica.fireEnabledActions)
SendCommit(r, v, n, d) ==
    /\ r \in Correct
    /\ v = view[r]
    /\ status[r] = "normal"
    /\ InWindow(r, n)
    /\ Accepted(r, v, n, d)
    /\ PrepareQuorum(v, n, d)
    /\ <<v, n, d, r>> \notin commits
    /\ commits' = commits \cup {<<v, n, d, r>>}
    /\ UNCHANGED <<view, status, h, executed, prePrepares, prepares, checkpoints,
                   viewChanges, newViews>>

(* committed-local(d, v, n, r) with every lower sequence number executed:    *)
(* r executes d (a request executed before is not run again: its cached     *)
(* reply is sent) and, at a checkpoint, multicasts CHECKPOINT with its state.*)
\* Java: NormalCase.execute (fired by Replica.fireEnabledActions)
Execute(r, v, n, d) ==
    /\ r \in Correct
    /\ n = Len(executed[r]) + 1
    /\ n > h[r]
    /\ CommittedLocal(r, v, n, d)
    /\ executed' = [executed EXCEPT ![r] = Append(@, d)]
    /\ checkpoints' = IF n % K = 0 THEN checkpoints \cup {<<n, executed'[r], r>>}
                                   ELSE checkpoints
    /\ UNCHANGED <<view, status, h, prePrepares, prepares, commits, viewChanges,
                   newViews>>

(***************************************************************************)
(* Checkpoints, garbage collection, state transfer.                        *)
(***************************************************************************)
(* 2f+1 matching CHECKPOINTs for a state r has: the checkpoint is stable.    *)
\* Java: Checkpointing.stableCheckpoint (fired by Replica.fireEnabledActions)
StableCheckpoint(r, n, s) ==
    /\ r \in Correct
    /\ n > h[r]
    /\ n <= Len(executed[r])
    /\ StableProof(n, s)
    /\ AdoptCheckpoint(r, n, s)
    /\ UNCHANGED <<view, status, prePrepares, prepares, commits, checkpoints,
                   viewChanges, newViews>>

(* r is behind a stable checkpoint: it fetches the checkpointed state (and   *)
(* checks it against the digest the 2f+1 CHECKPOINTs certify).               *)
\* Java: Checkpointing.stateTransfer (fired by Replica.fireEnabledActions; snapshot installed by onStateSnapshot)
StateTransfer(r, n, s) ==
    /\ r \in Correct
    /\ n > Len(executed[r])
    /\ StableProof(n, s)
    /\ AdoptCheckpoint(r, n, s)
    /\ UNCHANGED <<view, status, prePrepares, prepares, commits, checkpoints,
                   viewChanges, newViews>>

(***************************************************************************)
(* View change.                                                            *)
(***************************************************************************)
MoveToView(r, v) ==
    /\ view' = [view EXCEPT ![r] = v]
    /\ status' = [status EXCEPT ![r] = "viewchange"]
    /\ viewChanges' = viewChanges \cup {MyViewChange(r, v)}

(* Liveness rule 1 (OSDI'99 4.5.2): a replica that sent VIEW-CHANGE for v    *)
(* starts its NEW-VIEW timer only once it holds 2f+1 VIEW-CHANGEs for v      *)
(* from distinct replicas, its own among them. Before that no timer runs    *)
(* and it waits: a view change that too few others joined must not take    *)
(* it further from them (ViewSpreadInv below).                               *)
\* In Java: the guard on the NEW-VIEW timer in ViewChanging (rule 1)
\* (A VIEW-CHANGE for a later view counts: its sender left every view below it.)
NewViewTimerRuns(r) ==
    Cardinality({q \in Replicas : ByzAny(q) \/ \E m \in viewChanges : m.i = q /\ m.v >= view[r]})
        >= Quorum

(* r's timer expires: its request timer in view v (status "normal"), or its *)
(* NEW-VIEW timer while it waits for NEW-VIEW of v, which runs only as      *)
(* NewViewTimerRuns says. It moves to view v+1 and multicasts               *)
(* VIEW-CHANGE(v+1, n, C, P, r). (When the timer expires in "normal", and   *)
(* whether a request is pending, is timing, left to the liveness models.)  *)
(* The Java replica moves only once 2f+1 replicas suspect the primary of    *)
(* its view (a vote its timer casts, sent in STATUS, outside the spec): it  *)
(* only holds back a step this action allows.                              *)
\* Java: ViewChanging.startViewChange
StartViewChange(r) ==
    /\ r \in Correct
    /\ view[r] < MaxView
    /\ status[r] = "normal" \/ NewViewTimerRuns(r)
    /\ MoveToView(r, view[r] + 1)
    /\ UNCHANGED <<h, executed, prePrepares, prepares, commits, checkpoints, newViews>>

(* r saw VIEW-CHANGEs for views above its own from f+1 other replicas: it    *)
(* joins the smallest of those views.                                        *)
\* Java: ViewChanging.joinViewChange (fired by Replica.fireEnabledActions)
JoinViewChange(r, v) ==
    LET above(q) == ByzAny(q) \/ \E m \in viewChanges : m.i = q /\ m.v >= v
        exact(q) == ByzAny(q) \/ \E m \in viewChanges : m.i = q /\ m.v = v
        S == {q \in Replicas \ {r} : above(q)}
    IN
    /\ r \in Correct
    /\ v \in Views
    /\ v > view[r]
    /\ Cardinality(S) >= WeakQuorum
    /\ \E q \in S : exact(q)
    /\ MoveToView(r, v)
    /\ UNCHANGED <<h, executed, prePrepares, prepares, commits, checkpoints, newViews>>

(* Entering view v with NEW-VIEW nv: adopt its checkpoint if newer, then     *)
(* accept the pre-prepares of O above the watermark.                         *)
EnterView(r, nv) ==
    LET newH == IF nv.minS > h[r] THEN nv.minS ELSE h[r] IN
    /\ status' = [status EXCEPT ![r] = "normal"]
    /\ IF nv.minS > h[r] THEN AdoptCheckpoint(r, nv.minS, nv.s)
                         ELSE UNCHANGED <<h, executed>>
    /\ IF r = Primary(nv.v)
         THEN /\ prePrepares' = prePrepares \cup {<<nv.v, o[1], o[2]>> : o \in {o \in nv.O : o[1] > newH}}
              /\ UNCHANGED prepares
         ELSE /\ prepares' = prepares \cup {<<nv.v, o[1], o[2], r>> : o \in {o \in nv.O : o[1] > newH}}
              /\ UNCHANGED prePrepares

\* SendNewView below, except for the choice of nv, in two parts: what enables it
\* and what it does. Named so that trace validation can take nv from the trace,
\* check it with JustifiesNewView, and reuse these two unchanged.
NewViewPending(p) ==
    /\ p \in Correct
    /\ p = Primary(view[p])
    /\ status[p] = "viewchange"
    /\ \A m \in newViews : m.v # view[p]

MulticastNewView(p, nv) ==
    /\ newViews' = newViews \cup {nv}
    /\ EnterView(p, nv)
    /\ UNCHANGED <<view, commits, checkpoints, viewChanges>>

(* The correct primary of v, having 2f+1 VIEW-CHANGEs (its own among them),  *)
(* multicasts NEW-VIEW(v, V, O) and enters view v.                           *)
\* Java: ViewChanging.sendNewView (fired by Replica.fireEnabledActions)
SendNewView(p, nv) ==
    /\ NewViewPending(p)
    /\ nv \in JustifiableNewViews(view[p])
    /\ MulticastNewView(p, nv)

(* A backup accepts a NEW-VIEW for a view not below its own whose O it can   *)
(* recompute from V. A Byzantine primary may send any such NEW-VIEW, a       *)
(* different one to each backup.                                             *)
\* Java: ViewChanging.onNewView
ReceiveNewView(r, nv) ==
    /\ r \in Correct
    /\ r # Primary(nv.v)
    /\ \/ view[r] < nv.v
       \/ view[r] = nv.v /\ status[r] = "viewchange"
    /\ view' = [view EXCEPT ![r] = nv.v]
    /\ EnterView(r, nv)
    /\ UNCHANGED <<commits, checkpoints, viewChanges, newViews>>

NewViewsFor(r) ==
    UNION { IF ByzAny(Primary(v)) THEN JustifiableNewViews(v)
                                  ELSE {m \in newViews : m.v = v}
          : v \in {v \in Views : v > view[r] \/ (v = view[r] /\ status[r] = "viewchange")} }

(***************************************************************************)
(* Crash and restart.                                                      *)
(***************************************************************************)
(* A correct replica r crashes and restarts, and stays correct. It keeps    *)
(* what it persisted before anything it sent left: its view, status, h and *)
(* every message it sent (the message sets are its log; a message lost in  *)
(* the crash never left, like one the network lost). It may lose           *)
(* executions above its stable checkpoint: executed[r] rolls back to its   *)
(* prefix of length k, h[r] <= k <= Len(executed[r]), and Execute          *)
(* recomputes the rest from the COMMITs it persisted. The prefix up to     *)
(* h[r] is the checkpointed state, kept with its proof. The implementation *)
(* replays its write-ahead log and loses nothing: its trace says k =       *)
(* Len(executed[r]), a step that changes no variable. Not in Next: the     *)
(* models that check it use NextWithRestart (spec/MCPBFT-restart.cfg).     *)
\* Java: Replica.onRestart
Restart(r, k) ==
    /\ r \in Correct
    /\ h[r] <= k /\ k <= Len(executed[r])
    /\ executed' = [executed EXCEPT ![r] = SubSeq(@, 1, k)]
    /\ UNCHANGED <<view, status, h, prePrepares, prepares, commits, checkpoints,
                   viewChanges, newViews>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Next-state relation, one disjunct per action so that mutants can swap   *)
(* a single one.                                                           *)
(***************************************************************************)
DoSendPrePrepare    == \E p \in Correct, d \in Requests : SendPrePrepare(p, d)
DoReceivePrePrepare == \E r \in Correct, n \in Seqs, d \in Requests :
                           ReceivePrePrepare(r, view[r], n, d)
DoSendCommit        == \E r \in Correct, n \in Seqs, d \in Values : SendCommit(r, view[r], n, d)
\* r executes its next sequence number, in whichever view it committed there.
ExecuteNext(r)      == \E v \in Views, d \in Values : Execute(r, v, Len(executed[r]) + 1, d)
DoExecute           == \E r \in Correct : ExecuteNext(r)
DoStableCheckpoint  == \E r \in Correct, c \in checkpoints : StableCheckpoint(r, c[1], c[2])
DoStateTransfer     == \E r \in Correct, c \in checkpoints : StateTransfer(r, c[1], c[2])
DoStartViewChange   == \E r \in Correct : StartViewChange(r)
DoJoinViewChange    == \E r \in Correct, v \in Views : JoinViewChange(r, v)
\* The guards come first so that TLC computes the candidate NEW-VIEWs only
\* where one could be sent or received.
DoSendNewView       == \E p \in Correct :
                           /\ p = Primary(view[p]) /\ status[p] = "viewchange"
                           /\ \E nv \in JustifiableNewViews(view[p]) : SendNewView(p, nv)
DoReceiveNewView    == \E r \in Correct : \E nv \in NewViewsFor(r) : ReceiveNewView(r, nv)
\* Restart(r, Len(executed[r])), the implementation's restart, changes no variable: a
\* stuttering step, which TLC need not take. Trace validation matches it (TracePBFT.tla).
DoRestart           == \E r \in Correct : \E k \in h[r] .. Len(executed[r]) - 1 : Restart(r, k)

NormalCaseNext == DoSendPrePrepare \/ DoReceivePrePrepare \/ DoSendCommit \/ DoExecute
CheckpointNext == DoStableCheckpoint \/ DoStateTransfer
ViewChangeNext == DoStartViewChange \/ DoJoinViewChange \/ DoSendNewView \/ DoReceiveNewView

Next == NormalCaseNext \/ CheckpointNext \/ ViewChangeNext

Spec == Init /\ [][Next]_vars

\* Crashes are checked in models of their own (spec/MCPBFT-restart.cfg): Next stays
\* as it was, so that the other models keep their state counts.
NextWithRestart == Next \/ DoRestart

SpecWithRestart == Init /\ [][NextWithRestart]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Reductions: what the large models check instead of Next, so that TLC   *)
(* finishes them. spec/README.md ("Reductions") argues that each hides no  *)
(* violation of the invariants or of ConsensusRefinementProp; every mutant *)
(* and every Debug guard is checked with them too (the -reduced cfgs).     *)
(***************************************************************************)
(* Eager steps: a step that some correct replica can take and that no      *)
(* other step needs to come late is taken before any other, the lowest-    *)
(* numbered replica first. Three kinds, in this order:                     *)
(*  - execution (Exec(r): the execution step of replica r, so that a       *)
(*    mutant whose execution differs reduces its own). It reads only what  *)
(*    r holds and writes only executed[r] and r's CHECKPOINT;              *)
(*  - entering the view of a correct primary whose NEW-VIEW has arrived,   *)
(*    when it brings no newer checkpoint (EagerEnterView): r's next        *)
(*    VIEW-CHANGE is then the same either way;                             *)
(*  - accepting a correct primary's PRE-PREPARE (EagerPrepare): that       *)
(*    primary proposes one request per view and sequence number, so       *)
(*    accepting it now excludes nothing r could accept later, and no step  *)
(*    is disabled by another PREPARE.                                      *)
(* A Byzantine primary's PRE-PREPAREs and NEW-VIEWs are not taken eagerly: *)
(* which one a backup accepts, and when, is a choice (the guards on        *)
(* Primary(..) \in Correct; in the safety models prePrepares and newViews   *)
(* hold only correct primaries' messages anyway).                          *)
EagerEnterView(r) ==
    \E nv \in newViews :
        /\ nv.v = view[r]
        /\ Primary(nv.v) \in Correct
        /\ nv.minS <= h[r]
        /\ ReceiveNewView(r, nv)

EagerPrepare(r) == \E pp \in prePrepares : /\ Primary(pp[1]) \in Correct
                                            /\ ReceivePrePrepare(r, pp[1], pp[2], pp[3])

Eagerly(Exec(_), Step) ==
    LET executing == {r \in Correct : ENABLED Exec(r)}
        entering  == {r \in Correct : ENABLED EagerEnterView(r)}
        preparing == {r \in Correct : ENABLED EagerPrepare(r)}
        lowest(S) == CHOOSE r \in S : \A q \in S : r <= q
    IN  IF executing # {} THEN Exec(lowest(executing))
        ELSE IF entering # {} THEN EagerEnterView(lowest(entering))
        ELSE IF preparing # {} THEN EagerPrepare(lowest(preparing))
        ELSE Step

ReducedNext == Eagerly(ExecuteNext, Next)

ReducedNextWithRestart == Eagerly(ExecuteNext, NextWithRestart)

(* Dead messages: a VIEW-CHANGE or NEW-VIEW for view v is read only by a    *)
(* correct replica below v, or in v and still waiting for its NEW-VIEW      *)
(* (JoinViewChange, SendNewView, NewViewsFor); views only grow and a        *)
(* replica leaves "viewchange" only for a higher view, so once no correct   *)
(* replica is there the message is never read again, and no invariant      *)
(* reads it. LiveMessages is the state without them: TLC's VIEW, so that    *)
(* states which differ only in dead messages count as one.                  *)
LiveView(v) == \E r \in Correct : v > view[r] \/ (v = view[r] /\ status[r] = "viewchange")

(* Dead views: once every correct replica is above view v, no message of v  *)
(* is sent any more. Its PRE-PREPAREs and PREPAREs are then read only as    *)
(* the prepared certificates a Byzantine VIEW-CHANGE may show (ValidCert), *)
(* and its COMMITs as commit quorums (Decided, CommittedCarriedInv,         *)
(* Execute) and, for r's highest view at a sequence number above h[r], as   *)
(* the certificate r's next VIEW-CHANGE reports (PreparedSet). The rest     *)
(* is history whose verdicts were checked while it was live.               *)
DeadView(v) == \A r \in Correct : view[r] > v

\* A COMMIT of a dead view that a step can still read (beside its quorum).
DeadCommitRead(c) ==
    LET r == c[4] IN
    \/ c[2] > h[r] /\ \A c2 \in commits : (c2[4] = r /\ c2[2] = c[2]) => c2[1] <= c[1]
    \/ c[2] > Len(executed[r]) /\ CommitQuorum(c[1], c[2], c[3])

\* (The dead views' certificates are enumerated from the dead views first: TLC
\* evaluates this for every state it generates.)
LiveMessages ==
    LET dead == {v \in Views : DeadView(v)}
        deadCerts == dead \X Seqs \X Values
    IN
    <<view, status, h, executed,
      {pp \in prePrepares : pp[1] \notin dead},
      {p \in prepares : p[1] \notin dead},
      {c \in deadCerts : ValidCert(c)},
      {c \in commits : c[1] \notin dead \/ DeadCommitRead(c)},
      {c \in deadCerts : CommitQuorum(c[1], c[2], c[3])},
      checkpoints,
      {m \in viewChanges : LiveView(m.v)}, {m \in newViews : LiveView(m.v)}>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Safety.                                                                 *)
(***************************************************************************)
(* No two correct replicas execute different requests at one sequence       *)
(* number, in any views: one's history is a prefix of the other's.           *)
AgreementInv ==
    \A r1, r2 \in Correct :
        \A n \in 1 .. Len(executed[r1]) :
            n <= Len(executed[r2]) => executed[r1][n] = executed[r2][n]

(* A correct replica's state at each of its checkpoints is its history. A    *)
(* restart may have rolled its history back below a checkpoint it sent      *)
(* (Restart): then what it still has is a prefix of that state.              *)
CheckpointStateInv ==
    \A c \in {c \in checkpoints : c[3] \in Correct} :
        IF c[1] <= Len(executed[c[3]])
        THEN c[2] = SubSeq(executed[c[3]], 1, c[1])
        ELSE SubSeq(c[2], 1, Len(executed[c[3]])) = executed[c[3]]

(* A request committed-local at a correct replica in view v is the only      *)
(* request any later view puts at that sequence number.                      *)
AcceptedByCorrect(v, n, d) == (Primary(v) \in Correct /\ <<v, n, d>> \in prePrepares) \/ \E q \in Correct : <<v, n, d, q>> \in prepares

CommittedCarriedInv ==
    \A c \in commits :
        CommitQuorum(c[1], c[2], c[3]) =>
            \A v2 \in Views, d2 \in Values :
                (v2 > c[1] /\ AcceptedByCorrect(v2, c[2], d2)) => d2 = c[3]

(* The result of request d at replica r: the sequence number at which r      *)
(* first executed it (later executions only re-send the cached reply).       *)
Executes(r, d) == {i \in 1 .. Len(executed[r]) : executed[r][i] = d}
Result(r, d) == CHOOSE i \in Executes(r, d) : \A j \in Executes(r, d) : i <= j

(* A client accepts result x for d when f+1 replicas reply x; a Byzantine    *)
(* replica replies whatever helps.                                           *)
AcceptableResults(d) ==
    {x \in Seqs : Cardinality(Byz \cup {r \in Correct : Executes(r, d) # {} /\ Result(r, d) = x})
                    >= WeakQuorum}

ClientAcceptInv == \A d \in Requests : Cardinality(AcceptableResults(d)) <= 1

(* What liveness rule 1 (NewViewTimerRuns) guarantees whatever the timing:  *)
(* no correct replica gets two views or more ahead of every other correct   *)
(* replica. To leave view v for v+1 while waiting for NEW-VIEW, a replica   *)
(* needs 2f+1 VIEW-CHANGEs for v, so f+1 correct replicas reached v (views  *)
(* only grow); to join v it needs f+1 others at v or above. A replica that  *)
(* left alone therefore waits one view ahead, where the others arrive when  *)
(* they next move. Under the old rule (mutants/OldNewViewTimer, on the      *)
(* liveness model MCPBFTLivenessByz) it escalates alone, out of reach.      *)
ViewSpreadInv == \A r \in Correct : \E q \in Correct \ {r} : view[q] + 1 >= view[r]

SafetyInv == AgreementInv /\ CheckpointStateInv /\ CommittedCarriedInv /\ ClientAcceptInv

(***************************************************************************)
(* Safety stated once: PBFT refines Consensus.                             *)
(***************************************************************************)
(* The refinement mapping: sequence number n has decided d once d is       *)
(* committed at n in some view: the paper's committed(m, v, n), prepared   *)
(* at f+1 correct replicas, which 2f+1 COMMITs imply. Two different        *)
(* requests committed at one n make decided change, which Consensus        *)
(* forbids.                                                                *)
NoDecision == "none"
Decided ==
    LET committed == {<<c[2], c[3]>> : c \in {c \in commits : CommitQuorum(c[1], c[2], c[3])}}
    IN  [n \in Seqs |->
            IF \E c \in committed : c[1] = n
            THEN (CHOOSE c \in committed : c[1] = n)[2]
            ELSE NoDecision]

Abstract == INSTANCE Consensus WITH Seqs <- Seqs, Values <- Values,
                                    None <- NoDecision, decided <- Decided

\* Abstract!Spec, with the stuttering case first: TLC evaluates the disjuncts in
\* order and most steps leave Decided unchanged.
ConsensusRefinementProp == Abstract!Init /\ [][UNCHANGED Decided \/ Abstract!Next]_Decided

(***************************************************************************)
(* Vacuity guards: TLC must find each of these violated.                   *)
(***************************************************************************)
DebugNoExecution == \A r \in Correct : executed[r] = <<>>

DebugNoGarbageCollection == \A r \in Correct : h[r] = 0

DebugNoStateTransfer ==
    \A r \in Correct : \A n \in Seqs :
        (n <= Len(executed[r])) => \E v \in Views : CommittedLocal(r, v, n, executed[r][n])

(* NEW-VIEW put a null request in a gap and a correct replica executed it.   *)
DebugNoNullExecuted == \A r \in Correct : \A i \in 1 .. Len(executed[r]) : executed[r][i] # Null

(* One NEW-VIEW carries a request into the new view at one sequence number  *)
(* and fills a gap below it with the null request, and a correct replica    *)
(* executes both: two slots of one window across a view change.             *)
DebugNoCarriedBesideNull ==
    ~ \E nv \in newViews, r \in Correct :
        \E o1, o2 \in nv.O :
            /\ o1[2] = Null /\ o2[2] \in Requests
            /\ o1[1] <= Len(executed[r]) /\ o2[1] <= Len(executed[r])
            /\ executed[r][o1[1]] = Null /\ executed[r][o2[1]] = o2[2]

(* A request prepared at a correct replica in one view and executed through  *)
(* a commit of a later view: the view change carried it across.              *)
DebugNoCarriedRequest ==
    ~ \E r \in Correct, v \in Views, n \in Seqs, d \in Requests :
        /\ n <= Len(executed[r])
        /\ executed[r][n] = d
        /\ v > 0
        /\ CommittedLocal(r, v, n, d)
        /\ \E c \in commits : c[1] < v /\ c[2] = n /\ c[3] = d

(* A correct replica's crash loses executions (Restart with k below         *)
(* Len(executed[r])). An action property: no state alone shows a rollback.   *)
DebugNoRollback ==
    [][\A r \in Correct : Len(executed'[r]) >= Len(executed[r])]_vars
=============================================================================
