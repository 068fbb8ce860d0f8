------------------------------ MODULE TracePBFT ------------------------------
(***************************************************************************)
(* Trace validation: TLC replays a trace of the implementation against     *)
(* spec/PBFT.tla, instantiated unchanged. The trace is the sequence Trace  *)
(* of the generated module TraceData (written by org.pbft.trace.TraceModule*)
(* from the replicas' NDJSON files, merged in causal order). The variable  *)
(* i counts the events matched so far; each step matches event i + 1 to   *)
(* the spec action of the same name with the event's arguments.           *)
(*                                                                         *)
(* Verdict: with deadlock checking off TLC explores every way the spec     *)
(* can explain the trace. The depth of the state graph is 1 + the number   *)
(* of events matched on the longest explanation: the trace conforms iff   *)
(* it is Len(Trace) + 1. Otherwise event k = depth is the first one the   *)
(* spec cannot explain, and a second run with StopAt = k prints the spec  *)
(* state before it and the actions enabled there (DiagnosisInv).          *)
(*                                                                         *)
(* Field mapping (spec argument / JSON field / Java field):               *)
(*                                                                         *)
(*   spec                | JSON (replica-i.ndjson) | Java                  *)
(*   --------------------+-------------------------+---------------------- *)
(*   action name         | action                  | TraceEvent.action     *)
(*   r, p                | replica                 | TraceEvent.replica =  *)
(*                       |                         |   Replica.id          *)
(*   v                   | view                    | TraceEvent.view (the  *)
(*                       |                         |   view moved to for   *)
(*                       |                         |   view changes)       *)
(*   n                   | seq                     | TraceEvent.seq        *)
(*   k (of Restart)      | seq                     | Replica.lastExecuted()*)
(*   d (request)         | digest (batch label)    | PrePrepare.digest() = *)
(*                       |                         |   Batch.digest(reqs)  *)
(*   s (state), at n     | digest (state label)    | CertifiedCheckpoint.  *)
(*                       |                         |   stateDigest()       *)
(*   nv.v                | view                    | NewView.view()        *)
(*   nv.minS             | seq                     | NewViewComputation.   *)
(*                       |                         |   Result.checkpoint() *)
(*                       |                         |   .seq()              *)
(*   nv.s (not compared) | digest (state label)    | ... .stateDigest()    *)
(*   V (of nv)           | V: [[i, n, s, P], ...]  | NewView.viewChanges() *)
(*     m.i, m.n, m.s     |   i, n, s (label)       | ViewChange.replica(), *)
(*                       |                         |   stableSeq(),        *)
(*                       |                         |   stateDigest()       *)
(*     m.P: <<v, n, d>>  |   P: [[n, v, d], ...]   | ViewChange.prepared-  *)
(*                       |                         |   Certificates()      *)
(*   nv.O: {<<n, d>>}    | O: [[n, d], ...]        | NewView.prePrepares() *)
(*   (order of events)   | step (merge key)        | Simulation step, a    *)
(*                       |                         |   Lamport clock       *)
(*   N, F, K, L, Byz     | (validate options)      | ReplicaConfig         *)
(*                                                                         *)
(* In TraceData, digests are labels: batch digests "b1", "b2", ... (the    *)
(* spec's requests, in order of first appearance), the empty batch's      *)
(* digest TraceEmptyBatch, state digests "s1", "s2", ...                   *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC, TraceData

VARIABLES view, status, h, executed, prePrepares, prepares, commits,
          checkpoints, viewChanges, newViews

VARIABLE i   \* events of Trace matched so far

\* The spec, unchanged; its constants come from the trace (TraceData).
PBFT == INSTANCE PBFT WITH N <- TraceN, F <- TraceF, Byz <- TraceByz,
                           Requests <- TraceRequests, Null <- TraceNull,
                           MaxView <- TraceMaxView, MaxSeq <- TraceMaxSeq,
                           K <- TraceK, L <- TraceL

specVars == <<view, status, h, executed, prePrepares, prepares, commits,
              checkpoints, viewChanges, newViews>>

(***************************************************************************)
(* Granularity: every place where the implementation cuts the protocol    *)
(* differently from the spec, in this one operator. It maps an event of   *)
(* the trace to the spec action it stands for: [a |-> action name,        *)
(* r |-> replica, v, n, d |-> request (Null when none), minS, V, O]. The  *)
(* IsEvent operators below match its result literally.                    *)
(***************************************************************************)
\* A batch digest as the spec's request: (2) below.
Req(d) == IF d = TraceEmptyBatch THEN TraceNull ELSE d

SpecStep(e) ==
    [a    |-> e.action,
     r    |-> e.replica,
     \* (1) Batching. The code orders a batch of requests under one sequence
     \*     number; the spec orders one request. The spec's request is the
     \*     batch: its digest, which TraceData labels "b1", "b2", ... (the
     \*     requests as model values; only equality matters).
     \* (2) The empty batch is the spec's Null: the null request NEW-VIEW
     \*     puts in a gap is a PRE-PREPARE with no requests.
     d    |-> Req(e.digest),
     \* (3) View changes: the code logs the view moved to (StartViewChange,
     \*     JoinViewChange) or entered (SendNewView, ReceiveNewView), as the
     \*     spec's argument v; StartViewChange has no v in the spec (it is
     \*     view[r] + 1), so it is checked against it.
     v    |-> e.view,
     \* (4) NEW-VIEW: the code logs the NEW-VIEW's V and O with (v, minS);
     \*     the spec's nv (v, minS, s, O) is not logged but constructed: it
     \*     is what ComputeNewView derives from V, once V is checked to
     \*     justify it (EventNewViews). Each VIEW-CHANGE of V keeps its
     \*     sender i, checkpoint n and P; its state is not compared (item 5):
     \*     the spec takes the state provable at n. A certificate (n, v, d)
     \*     of the code is the spec's <<v, n, d>>; O is the spec's set of
     \*     <<n, d>>, the empty batch being Null as in (2).
     minS |-> e.seq,
     V    |-> [k \in DOMAIN e.V |->
                 [i |-> e.V[k].replica, n |-> e.V[k].seq,
                  P |-> {<<c.view, c.seq, Req(c.digest)>> : c \in e.V[k].P}]],
     O    |-> {<<e.O[k][1], Req(e.O[k][2])>> : k \in DOMAIN e.O},
     \* (5) Checkpoint states: the code certifies a digest of its service
     \*     state (with the client table), the spec the sequence of requests
     \*     executed. The state is not compared: StableCheckpoint takes the
     \*     state r has at n, StateTransfer any state certified at n; the
     \*     digest is kept in the trace for people.
     \* (6) State transfer in two steps: the code raises h when the
     \*     checkpoint is certified (the StateTransfer event) and installs
     \*     the fetched snapshot later, with no event; the spec's
     \*     StateTransfer does both at once. Between the two the code
     \*     executes nothing and, as primary, orders nothing (both wait for
     \*     the snapshot, which tells which requests were executed), so no
     \*     event of r can observe the difference: the event is the spec
     \*     action.
     \* (7) Garbage collection: the code discards its log at or below h; the
     \*     spec keeps every message and ignores sequence numbers at or
     \*     below h (the watermark guard). No event differs.
     \* (8) One handler, several actions: onPrePrepare can take
     \*     ReceivePrePrepare, SendCommit and Execute in one step, execute()
     \*     several Execute and a StableCheckpoint; each is its own event,
     \*     in the order taken.
     \* (9) Restart: the code logs its view and the last sequence number it
     \*     executed, which is the spec's k (it replays its write-ahead log
     \*     and loses no execution, so k is Len(executed[r])). A restart
     \*     while a state transfer waits for its snapshot (item 6) logs the
     \*     last number executed before it, below h; the spec installed the
     \*     state at h already and executed nothing since (Len(executed[r])
     \*     = h[r]): RestartLength maps the event to k = h. The restarted
     \*     replica is the same replica: its events before and after the
     \*     Restart are one replica's, in one file.
     n    |-> e.seq]

\* The spec's k for a Restart event s: (9) above.
RestartLength(s) ==
    IF s.n < h[s.r] /\ Len(executed[s.r]) = h[s.r] THEN h[s.r] ELSE s.n

(***************************************************************************)
(* One IsEvent operator per event kind.                                    *)
(***************************************************************************)
IsSendPrePrepare(s) ==
    /\ s.a = "SendPrePrepare"
    /\ view[s.r] = s.v
    /\ PBFT!NextSeq(s.r) = s.n
    /\ PBFT!SendPrePrepare(s.r, s.d)

IsReceivePrePrepare(s) ==
    /\ s.a = "ReceivePrePrepare"
    /\ PBFT!ReceivePrePrepare(s.r, s.v, s.n, s.d)

IsSendCommit(s) ==
    /\ s.a = "SendCommit"
    /\ PBFT!SendCommit(s.r, s.v, s.n, s.d)

IsExecute(s) ==
    /\ s.a = "Execute"
    /\ PBFT!Execute(s.r, s.v, s.n, s.d)

IsStableCheckpoint(s) ==
    /\ s.a = "StableCheckpoint"
    /\ s.n <= Len(executed[s.r])
    /\ PBFT!StableCheckpoint(s.r, s.n, SubSeq(executed[s.r], 1, s.n))

IsStateTransfer(s) ==
    /\ s.a = "StateTransfer"
    /\ \E c \in checkpoints : c[1] = s.n /\ PBFT!StateTransfer(s.r, s.n, c[2])

IsStartViewChange(s) ==
    /\ s.a = "StartViewChange"
    /\ s.v = view[s.r] + 1
    /\ PBFT!StartViewChange(s.r)

IsJoinViewChange(s) ==
    /\ s.a = "JoinViewChange"
    /\ PBFT!JoinViewChange(s.r, s.v)

(***************************************************************************)
(* NEW-VIEW: the spec's nv is constructed from the event's V and O and    *)
(* checked, instead of searched for among PBFT!JustifiableNewViews(v),    *)
(* which enumerates every VIEW-CHANGE a faulty replica could send.        *)
(***************************************************************************)
\* The spec's VIEW-CHANGEs for view v that the trace's VIEW-CHANGE tv stands for:
\* the one its correct sender sent, if it has tv's checkpoint and P; for a faulty
\* sender, the one with tv's checkpoint and P if PBFT!IsByzViewChange allows it.
SpecViewChanges(tv, v) ==
    IF tv.i \in TraceByz
    THEN {m \in {PBFT!VCMsg(v, ck[1], ck[2], tv.P, tv.i) :
                     ck \in {ck \in PBFT!ProvableCheckpoints : ck[1] = tv.n}} :
              PBFT!IsByzViewChange(m, v)}
    ELSE {m \in viewChanges : m.i = tv.i /\ m.v = v /\ m.n = tv.n /\ m.P = tv.P}

\* The sets V made of one such VIEW-CHANGE per entry of the event's V (a single
\* one: a correct replica sends one VIEW-CHANGE per view, and at most one state
\* is provable at a checkpoint).
SpecVs(s) ==
    LET ks == DOMAIN s.V
        cands(k) == SpecViewChanges(s.V[k], s.v)
    IN  {{f[k] : k \in ks} :
            f \in {f \in [ks -> UNION {cands(k) : k \in ks}] : \A k \in ks : f[k] \in cands(k)}}

\* The NEW-VIEWs the event stands for: V justifies them (so they are in
\* PBFT!JustifiableNewViews(v)) and ComputeNewView derives the event's minS and O.
EventNewViews(s) ==
    {nv \in {PBFT!ComputeNewView(s.v, V) : V \in {V \in SpecVs(s) : PBFT!JustifiesNewView(V, s.v)}} :
        nv.minS = s.minS /\ nv.O = s.O}

\* PBFT!SendNewView(s.r, nv), its conjunct nv \in JustifiableNewViews(view[s.r])
\* established by EventNewViews.
IsSendNewView(s) ==
    /\ s.a = "SendNewView"
    /\ view[s.r] = s.v
    /\ PBFT!NewViewPending(s.r)
    /\ \E nv \in EventNewViews(s) : PBFT!MulticastNewView(s.r, nv)

\* PBFT!NewViewsFor(r) for the event's NEW-VIEW: from a correct primary the one it
\* sent, from a faulty primary one that V justifies. (Its condition on the view is
\* ReceiveNewView's own guard.)
ReceivableNewViews(s) ==
    IF PBFT!Primary(s.v) \in TraceByz
    THEN EventNewViews(s)
    ELSE {m \in newViews : m.v = s.v /\ m.minS = s.minS /\ m.O = s.O}

IsReceiveNewView(s) ==
    /\ s.a = "ReceiveNewView"
    /\ \E nv \in ReceivableNewViews(s) : PBFT!ReceiveNewView(s.r, nv)

\* PBFT!Restart(r, k): the event's view must be r's view, and k what it logs
\* (RestartLength). Only correct replicas are traced, and they keep what they sent.
IsRestart(s) ==
    /\ s.a = "Restart"
    /\ view[s.r] = s.v
    /\ PBFT!Restart(s.r, RestartLength(s))

IsEvent(s) ==
    \/ IsSendPrePrepare(s)
    \/ IsReceivePrePrepare(s)
    \/ IsSendCommit(s)
    \/ IsExecute(s)
    \/ IsStableCheckpoint(s)
    \/ IsStateTransfer(s)
    \/ IsStartViewChange(s)
    \/ IsJoinViewChange(s)
    \/ IsSendNewView(s)
    \/ IsReceiveNewView(s)
    \/ IsRestart(s)

-----------------------------------------------------------------------------
TraceInit ==
    /\ PBFT!Init
    /\ i = 0

TraceNext ==
    /\ i < Len(Trace)
    /\ i' = i + 1
    /\ IsEvent(SpecStep(Trace[i + 1]))

TraceSpec == TraceInit /\ [][TraceNext]_<<specVars, i>>

(***************************************************************************)
(* The view under which `pbft validate` runs TLC first (VIEW TraceView).  *)
(* Fingerprinting the whole state at every step costs as much as the      *)
(* message sets, which grow with the trace: validation would be quadratic *)
(* (a 10,000-event trace: 64 s with the full state, 12 s with this view). *)
(* Merging states with the same view can only hide another explanation,   *)
(* never accept a trace the spec does not explain: TLC's path is a        *)
(* behaviour of the spec. And the events carry every argument of their    *)
(* actions, so the state after each event is determined. Should the first *)
(* run find an event it cannot match, the second run (diagnosis) uses the *)
(* full state, and its verdict is the one reported.                       *)
(***************************************************************************)
TraceView == <<i, view, status, h, [r \in DOMAIN executed |-> Len(executed[r])]>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Diagnosis of a trace that does not conform (StopAt = k, the first      *)
(* event the spec cannot explain): in each state where the first k - 1    *)
(* events are matched, print the spec state of the event's replica, the   *)
(* messages of its (v, n), and the actions enabled for that replica.      *)
(* Never violated: the Java side reads the printed lines.                 *)
(***************************************************************************)
IsNewViewEvent(s) == s.a \in {"SendNewView", "ReceiveNewView"}

\* The spec actions enabled for replica r, each as <<name, arguments...>>. NEW-VIEWs
\* are not enumerated (there may be very many): those of the event s, if it is a
\* NEW-VIEW event of r, those correct primaries sent, and a note where a NEW-VIEW
\* with any justified V could be sent or received.
EnabledFor(r, s) ==
    LET pp  == {d \in TraceRequests : ENABLED PBFT!SendPrePrepare(r, d)}
        \* Only where the actions can be enabled: in r's window, at the requests
        \* r prepared for its next sequence number. (Enumerating every sequence
        \* number and request takes minutes on a long trace.)
        window == {n \in PBFT!Seqs : PBFT!InWindow(r, n)}
        rpp == {x \in window \X TraceRequests :
                    ENABLED PBFT!ReceivePrePrepare(r, view[r], x[1], x[2])}
        sc  == {x \in window \X PBFT!Values : ENABLED PBFT!SendCommit(r, view[r], x[1], x[2])}
        ex  == {x \in {<<c[1], c[3]>> : c \in {c \in commits : c[2] = Len(executed[r]) + 1 /\ c[4] = r}} :
                    ENABLED PBFT!Execute(r, x[1], Len(executed[r]) + 1, x[2])}
        sck == {c \in checkpoints : ENABLED PBFT!StableCheckpoint(r, c[1], c[2])}
        st  == {c \in checkpoints : ENABLED PBFT!StateTransfer(r, c[1], c[2])}
        jvc == {v \in PBFT!Views : ENABLED PBFT!JoinViewChange(r, v)}
        ours == IsNewViewEvent(s) /\ s.r = r
        snv == IF ours /\ s.a = "SendNewView" /\ PBFT!NewViewPending(r)
               THEN {nv \in EventNewViews(s) : ENABLED PBFT!MulticastNewView(r, nv)}
               ELSE {}
        rnv == {nv \in newViews \cup (IF ours /\ s.a = "ReceiveNewView"
                                         THEN ReceivableNewViews(s) ELSE {}) :
                    ENABLED PBFT!ReceiveNewView(r, nv)}
        byzNv == {v \in PBFT!Views : PBFT!Primary(v) \in TraceByz /\ v # view[r] /\
                     (v > view[r] \/ (v = view[r] /\ status[r] = "viewchange"))}
    IN  {<<"SendPrePrepare", view[r], PBFT!NextSeq(r), d>> : d \in pp}
        \cup {<<"ReceivePrePrepare", view[r], x[1], x[2]>> : x \in rpp}
        \cup {<<"SendCommit", view[r], x[1], x[2]>> : x \in sc}
        \cup {<<"Execute", x[1], Len(executed[r]) + 1, x[2]>> : x \in ex}
        \cup {<<"StableCheckpoint", c[1]>> : c \in sck}
        \cup {<<"StateTransfer", c[1]>> : c \in st}
        \cup (IF ENABLED PBFT!StartViewChange(r) THEN {<<"StartViewChange", view[r] + 1>>}
                                                ELSE {})
        \cup {<<"JoinViewChange", v>> : v \in jvc}
        \cup {<<"SendNewView", nv.v, nv.minS, nv.O>> : nv \in snv}
        \cup (IF PBFT!NewViewPending(r) THEN {<<"SendNewView", view[r], "any justified V">>}
                                        ELSE {})
        \cup {<<"ReceiveNewView", nv.v, nv.minS, nv.O>> : nv \in rnv}
        \cup {<<"ReceiveNewView", v, "from the faulty primary, any justified V">> : v \in byzNv}
        \cup (IF ENABLED PBFT!Restart(r, Len(executed[r]))
               THEN {<<"Restart", view[r], "k from", h[r], "to", Len(executed[r])>>} ELSE {})

DiagnosisInv ==
    i = StopAt - 1 =>
        \* Bound by \E, not LET: TLC evaluates a LET again at each use inside ENABLED.
        \E s \in {SpecStep(Trace[StopAt])} : \E r \in {s.r} :
            /\ PrintT("@@diagnosis-begin")
            /\ PrintT(<<"event", s>>)
            /\ PrintT(<<"replica", r, [view |-> view[r], status |-> status[r], h |-> h[r],
                                       executedUpTo |-> Len(executed[r]),
                                       lastExecuted |-> SubSeq(executed[r],
                                           IF Len(executed[r]) > 4 THEN Len(executed[r]) - 3
                                                                   ELSE 1,
                                           Len(executed[r]))]>>)
            /\ PrintT(<<"prePrepares at n", {pp \in prePrepares : pp[2] = s.n}>>)
            /\ PrintT(<<"prepares at n", {p \in prepares : p[2] = s.n}>>)
            /\ PrintT(<<"commits at n", {c \in commits : c[2] = s.n}>>)
            /\ PrintT(<<"checkpoints above h (n, sender)",
                       {<<c[1], c[3]>> : c \in {c \in checkpoints : c[1] > h[r]}}>>)
            /\ PrintT(<<"viewChanges from view[r] on (v, sender, n)",
                       {<<m.v, m.i, m.n>> : m \in {m \in viewChanges : m.v >= view[r]}}>>)
            /\ PrintT(<<"newViews from view[r] on (v, minS, O)",
                       {<<m.v, m.minS, m.O>> : m \in {m \in newViews : m.v >= view[r]}}>>)
            /\ IsNewViewEvent(s) =>
                 /\ PrintT(<<"NEW-VIEW: for each entry of V (sender, n, Byzantine, the spec's VIEW-CHANGEs it can stand for)",
                             [k \in DOMAIN s.V |-> <<s.V[k].i, s.V[k].n, s.V[k].i \in TraceByz,
                                                   SpecViewChanges(s.V[k], s.v)>>]>>)
                 /\ PrintT(<<"NEW-VIEW: the spec's VIEW-CHANGEs for v (sender, n, P)",
                             {<<m.i, m.n, m.P>> : m \in {m \in viewChanges : m.v = s.v}}>>)
                 /\ PrintT(<<"NEW-VIEW: (minS, O) that ComputeNewView derives from a justifying V",
                             {<<nv.minS, nv.O>> : nv \in {PBFT!ComputeNewView(s.v, V) :
                                 V \in {V \in SpecVs(s) : PBFT!JustifiesNewView(V, s.v)}}}>>)
            /\ PrintT(<<"enabled", EnabledFor(r, s)>>)
            /\ PrintT("@@diagnosis-end")
=============================================================================
