-------------------------- MODULE PBFTInductiveStep --------------------------
(***************************************************************************)
(* Inductiveness of PBFTInductive!IndInv, checked by TLC on a bounded      *)
(* domain: the initial states are every state of the domain that satisfies *)
(* IndInv, and the behaviours are one step of Next long. TLC checks IndInv *)
(* on every state it reaches, so a violation is a state satisfying IndInv  *)
(* with a successor that does not: a two-state counterexample to           *)
(* inductiveness.                                                          *)
(*                                                                         *)
(* One step only: stepsTaken counts the steps and Next is disabled after   *)
(* the first (the successors are deadlocks, hence CHECK_DEADLOCK FALSE).   *)
(* TLC's -depth bounds simulation only, and a CONSTRAINT would stop TLC    *)
(* exploring a state without saying whether it checks the invariant there; *)
(* a disabled Next leaves no doubt that every successor is checked.        *)
(*                                                                         *)
(* The domain (IndDomain) is what a .cfg's constants bound: views 0..      *)
(* MaxView, sequence numbers 1..MaxSeq, Values, the replicas. Within it,   *)
(* every message set has at most one message per "slot" (a correct        *)
(* replica, view, sequence number), and several conjuncts of IndInv are    *)
(* applied while the variables are chosen instead of after, so that TLC   *)
(* prunes early; each such filter is a conjunct of IndInv (named beside    *)
(* it), so the initial states are exactly the domain's states that satisfy *)
(* IndInv. The Byzantine replicas' local variables (view, status, h,       *)
(* executed) are fixed at their initial values: no action reads or writes  *)
(* them.                                                                   *)
(***************************************************************************)
EXTENDS PBFTInductive

VARIABLE stepsTaken

(* Every set that holds one member of each option set in S (an option is a *)
(* set of messages: {} or one message). Option sets of different slots are *)
(* different unless both are {{}}, which merging does not change.          *)
RECURSIVE OneOfEach(_)
OneOfEach(S) ==
    IF S = {} THEN {{}}
    ELSE LET o == CHOOSE o \in S : TRUE
         IN  UNION {{x \cup y : y \in OneOfEach(S \ {o})} : x \in o}

(* The values messages and histories of the domain carry. The null request *)
(* enters only a gap of O below the highest certificate; with one sequence  *)
(* number there is no gap, so a domain with MaxSeq = 1 leaves it out.       *)
DomainValues == IF MaxSeq = 1 THEN Requests ELSE Values

HistoriesUpTo(k) == UNION {[1 .. i -> DomainValues] : i \in 0 .. k}
CheckpointChoices == {<<0, <<>>>>} \cup
    UNION {{<<n, s>> : s \in [1 .. n -> DomainValues]} : n \in {n \in Seqs : n % K = 0}}

(* A correct replica's view and status (LogInOwnViewsInv: view 0 is        *)
(* normal), and its watermark and history (StableWatermarkInv: h is a      *)
(* checkpoint number within the history; ExecutedCommittedInv: every entry *)
(* has a commit quorum, so histories are chosen after the COMMITs).        *)
ViewChoices == {vs \in Views \X {"normal", "viewchange"} : vs[1] = 0 => vs[2] = "normal"}

HistoryChoices ==
    {hx \in (0 .. MaxSeq) \X HistoriesUpTo(MaxSeq) :
        /\ hx[1] <= Len(hx[2])
        /\ hx[1] % K = 0
        /\ \A i \in 1 .. Len(hx[2]) : \E v \in Views : CommitQuorum(v, i, hx[2][i])}

(* A correct primary's NEW-VIEW for w: present if it is normal in w,        *)
(* absent if it has not entered w (NewViewShapeInv). O covers               *)
(* minS + 1 .. top for some top.                                            *)
NewViewOptions(w) ==
    LET p == Primary(w) IN
    IF view[p] < w \/ (view[p] = w /\ status[p] = "viewchange") THEN {{}}
    ELSE (IF view[p] = w THEN {} ELSE {{}}) \cup
         UNION {UNION {{{NVMsg(w, ck[1], ck[2], {<<n, f[n]>> : n \in ck[1] + 1 .. top})}
                        : f \in [ck[1] + 1 .. top -> DomainValues]}
                       : top \in ck[1] .. MaxSeq}
               : ck \in CheckpointChoices}

(* The correct primary of v pre-prepares one request at (v, n), in a view   *)
(* it is or was in, the null request only in a view > 0, and what O has at  *)
(* n if O has n (LogInOwnViewsInv, PrimaryProposalsInv).                    *)
PrePrepareOptions(v, n) ==
    LET p == Primary(v)
        fromO == {o[2] : o \in UNION {nv.O : nv \in {nv \in newViews : nv.v = v}}
                                 \cap ({n} \X Values)}
        allowed == IF fromO # {} THEN fromO ELSE IF v = 0 THEN Requests ELSE DomainValues
    IN  {{}} \cup (IF InOwnView(p, v) THEN {{<<v, n, d>>} : d \in allowed} ELSE {})

(* A correct backup's PREPARE at (v, n): in a view it is or was in; under a *)
(* correct primary only what it proposed (LogInOwnViewsInv,                 *)
(* PrimaryProposalsInv).                                                    *)
PrepareOptions(v, n, r) ==
    LET allowed == IF Primary(v) \in Correct
                   THEN {d \in Values : ProposedByPrimary(v, n, d)}
                   ELSE IF v = 0 THEN Requests ELSE DomainValues
    IN  {{}} \cup (IF InOwnView(r, v) THEN {{<<v, n, d, r>>} : d \in allowed} ELSE {})

(* CommitBackedInv: a COMMIT only for an accepted request with 2f PREPAREs. *)
CommitOptions(v, n, r) ==
    {{}} \cup {{<<v, n, d, r>>} : d \in {d \in Values : Accepted(r, v, n, d) /\ PrepareQuorum(v, n, d)}}

(* CheckpointStateInv: a CHECKPOINT carries the sender's history.          *)
CheckpointOptions(n, r) ==
    {{}} \cup (IF n <= Len(executed[r]) THEN {{<<n, StateAt(r, n), r>>}} ELSE {})

(* ViewChangeShapeInv: a VIEW-CHANGE for w from a replica in w or above,   *)
(* with a provable checkpoint, carrying some of its own certificates of    *)
(* views below w above the checkpoint, at most one per sequence number.    *)
ViewChangeOptions(w, i) ==
    IF view[i] < w THEN {{}}
    ELSE {{}} \cup
         UNION {LET mine == {<<c[1], c[2], c[3]>> :
                               c \in {c \in commits : c[4] = i /\ c[1] < w /\ c[2] > ck[1]}}
                IN  {{VCMsg(w, ck[1], ck[2], P, i)} :
                       P \in {P \in SUBSET mine : \A c1, c2 \in P : c1[2] = c2[2] => c1 = c2}}
               : ck \in ProvableCheckpoints}

IndDomain ==
    /\ \E vs \in [Correct -> ViewChoices] :
          /\ view = [r \in Replicas |-> IF r \in Byz THEN 0 ELSE vs[r][1]]
          /\ status = [r \in Replicas |-> IF r \in Byz THEN "normal" ELSE vs[r][2]]
    /\ newViews \in OneOfEach({NewViewOptions(w) : w \in {w \in Views : w > 0 /\ Primary(w) \in Correct}})
    /\ prePrepares \in OneOfEach({PrePrepareOptions(vn[1], vn[2]) :
                                  vn \in {vn \in Views \X Seqs : Primary(vn[1]) \in Correct}})
    /\ prepares \in OneOfEach({PrepareOptions(s[1], s[2], s[3]) :
                               s \in {s \in Views \X Seqs \X Correct : s[3] # Primary(s[1])}})
    /\ commits \in OneOfEach({CommitOptions(s[1], s[2], s[3]) : s \in Views \X Seqs \X Correct})
    /\ PreparedUniqueInv
    /\ \E hx \in [Correct -> HistoryChoices] :
          /\ h = [r \in Replicas |-> IF r \in Byz THEN 0 ELSE hx[r][1]]
          /\ executed = [r \in Replicas |-> IF r \in Byz THEN <<>> ELSE hx[r][2]]
    /\ AgreementInv
    /\ checkpoints \in OneOfEach({CheckpointOptions(s[1], s[2]) :
                                  s \in {n \in Seqs : n % K = 0} \X Correct})
    /\ StableWatermarkInv
    /\ NewViewShapeInv
    /\ viewChanges \in OneOfEach({ViewChangeOptions(s[1], s[2]) :
                                  s \in {w \in Views : w > 0} \X Correct})

IndInit == IndDomain /\ IndInv /\ stepsTaken = 0

IndNext == stepsTaken = 0 /\ Next /\ stepsTaken' = 1

IndSpec == IndInit /\ [][IndNext]_<<vars, stepsTaken>>
=============================================================================
