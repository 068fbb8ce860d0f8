---------------------------- MODULE PBFTInductive ----------------------------
(***************************************************************************)
(* An inductive invariant for PBFT: the conjunction that the safety        *)
(* argument of proofs-notes/ uses, each conjunct named after the lemma it  *)
(* states. The protocol module is unchanged; this module only adds         *)
(* predicates over its state.                                              *)
(*                                                                         *)
(* IndInv holds in the initial state and every step of Next keeps it       *)
(* (inductiveness). Two checks:                                            *)
(*  - MCPBFT-indinv.cfg: IndInv on the reachable states of a model;        *)
(*  - PBFTInductiveStep.cfg: from every state of a bounded domain that     *)
(*    satisfies IndInv, one step of Next reaches only states that satisfy  *)
(*    IndInv again (module PBFTInductiveStep).                             *)
(*                                                                         *)
(* The one idea beyond the notes: PBFT.tla!CommittedCarriedInv speaks of   *)
(* requests that already have a commit quorum, and a step that completes a *)
(* quorum would need a fact about the past (the NEW-VIEW that was formed   *)
(* before). CommitStillPossible replaces "committed" by "a commit quorum   *)
(* can still form": it never becomes true again once false, because a      *)
(* correct replica commits at (v, n) only while in view v and views only   *)
(* grow. Every lemma of step 5 is stated for it, and then no step needs to *)
(* look back.                                                              *)
(***************************************************************************)
EXTENDS PBFT, TLC

(* Requests are interchangeable (as in MCPBFT).                            *)
RequestSymmetry == Permutations(Requests)

(* A commit quorum for d at (v, n) may still form: counting the Byzantine  *)
(* replicas, the correct ones that committed it, and the correct ones that *)
(* have not left view v (they may still commit it). Over-approximates      *)
(* CommitQuorum(v, n, d) now and in every later state.                     *)
CommitStillPossible(v, n, d) ==
    Cardinality(Byz \cup {q \in Correct : <<v, n, d, q>> \in commits \/ view[q] <= v}) >= Quorum

(* The correct primary of v proposed d at n: its PRE-PREPARE, or the O of   *)
(* its NEW-VIEW for v.                                                      *)
ProposedByPrimary(v, n, d) ==
    \/ <<v, n, d>> \in prePrepares
    \/ \E nv \in newViews : nv.v = v /\ <<n, d>> \in nv.O

(* The requests correct replicas accepted, as <<v, n, d>>: the correct     *)
(* primaries' PRE-PREPAREs and the correct backups' PREPAREs.               *)
AcceptedTriples == prePrepares \cup {<<p[1], p[2], p[3]>> : p \in prepares}

(* <<v, n, d>> whose commit quorum may still form, computed once per use.   *)
StillPossibleCommits ==
    {t \in Views \X Seqs \X Values : CommitStillPossible(t[1], t[2], t[3])}

(* A certificate that a VIEW-CHANGE may carry: prepared at a correct        *)
(* replica, or valid (what a Byzantine replica can present).               *)
Certified(v, n, d) == ValidCert(<<v, n, d>>) \/ \E r \in Correct : Prepared(r, v, n, d)

(* Every certified <<v, n, d>>. A valid certificate has a correct           *)
(* replica's PRE-PREPARE (correct primary) or PREPAREs from Q - 1 > F       *)
(* backups, so some correct ones (Byzantine primary); a prepared one has a  *)
(* COMMIT: the candidates are the accepted and committed triples.           *)
CertifiedTriples ==
    {t \in AcceptedTriples \cup {<<c[1], c[2], c[3]>> : c \in commits} : Certified(t[1], t[2], t[3])}

(* Every <<v, n, d>> with a commit quorum; it includes a correct COMMIT.    *)
CommittedTriples ==
    {t \in {<<c[1], c[2], c[3]>> : c \in commits} : CommitQuorum(t[1], t[2], t[3])}

-----------------------------------------------------------------------------
(***************************************************************************)
(* The conjuncts, by step of proofs-notes/. Each quantifies over the       *)
(* messages that exist rather than over every (v, n, d): the same meaning, *)
(* far cheaper for TLC.                                                    *)
(***************************************************************************)

(* 1.5: a correct replica's log is in the views it has been in: it accepts *)
(* only in its current view with status "normal", and after it moves on,   *)
(* only earlier views hold its entries. Only correct primaries' PRE-       *)
(* PREPAREs and correct backups' PREPAREs are stored. The null request is  *)
(* accepted only from a NEW-VIEW's O, so never in view 0.                  *)
InOwnView(r, v) == v < view[r] \/ (v = view[r] /\ status[r] = "normal")

LogInOwnViewsInv ==
    /\ \A pp \in prePrepares : Primary(pp[1]) \in Correct /\ InOwnView(Primary(pp[1]), pp[1])
    /\ \A p \in prepares : p[4] # Primary(p[1]) /\ InOwnView(p[4], p[1])
    /\ \A t \in AcceptedTriples : t[3] = Null => t[1] > 0
    /\ \A r \in Correct : view[r] = 0 => status[r] = "normal"

(* Lemma 3.1: a correct replica accepts one request per (v, n).            *)
AcceptOnceInv ==
    /\ \A pp1, pp2 \in prePrepares : (pp1[1] = pp2[1] /\ pp1[2] = pp2[2]) => pp1 = pp2
    /\ \A p1, p2 \in prepares : (p1[1] = p2[1] /\ p1[2] = p2[2] /\ p1[4] = p2[4]) => p1 = p2

(* The NEW-VIEWs of correct primaries: one per view, sent by a primary that *)
(* has entered that view; O holds one request per sequence number above     *)
(* minS; the checkpoint is provable (lemma 6.2). Its primary accepted the   *)
(* entries of O above its watermark, and proposes nothing in a view > 0     *)
(* before it.                                                              *)
NewViewShapeInv ==
    /\ \A nv \in newViews :
          LET p == Primary(nv.v) IN
          /\ nv.v > 0
          /\ p \in Correct
          /\ view[p] >= nv.v
          /\ view[p] = nv.v => status[p] = "normal"
          /\ <<nv.minS, nv.s>> \in ProvableCheckpoints
          /\ \A o \in nv.O : o[1] \in Seqs /\ o[1] > nv.minS /\ o[2] \in Values
          /\ \A o1, o2 \in nv.O : o1[1] = o2[1] => o1 = o2
          /\ \A o \in nv.O : o[1] <= h[p] \/ <<nv.v, o[1], o[2]>> \in prePrepares
    /\ \A nv1, nv2 \in newViews : nv1.v = nv2.v => nv1 = nv2
    /\ \A pp \in prePrepares : pp[1] > 0 => \E nv \in newViews : nv.v = pp[1]
    /\ \A p \in Correct :
          (p = Primary(view[p]) /\ view[p] > 0 /\ status[p] = "normal") =>
              \E nv \in newViews : nv.v = view[p]

(* Lemma 3.2: under a correct primary, correct backups accept only what it  *)
(* proposed, and it proposes one request per (v, n).                        *)
PrimaryProposalsInv ==
    /\ \A p \in prepares : Primary(p[1]) \in Correct => ProposedByPrimary(p[1], p[2], p[3])
    /\ \A pp \in prePrepares, nv \in newViews : \A o \in nv.O :
          (nv.v = pp[1] /\ o[1] = pp[2]) => o[2] = pp[3]

(* Step 1.5 and lemma 4.1: a correct replica's COMMIT records that it was  *)
(* prepared: it accepted the request and 2f backups sent PREPARE.          *)
CommitBackedInv ==
    \A c \in commits : Accepted(c[4], c[1], c[2], c[3]) /\ PrepareQuorum(c[1], c[2], c[3])

(* Theorem 3.4: certificates are unique per view and sequence number.       *)
PreparedUniqueInv ==
    \A t1, t2 \in CertifiedTriples : (t1[1] = t2[1] /\ t1[2] = t2[2]) => t1 = t2

(* Lemma 5.1, the part that holds by construction: a correct VIEW-CHANGE    *)
(* for w is sent by a replica that moved to w, once per view; its P holds   *)
(* only its own prepared certificates of earlier views above its            *)
(* checkpoint, one per sequence number; its checkpoint is provable.        *)
ViewChangeShapeInv ==
    /\ \A m \in viewChanges :
          /\ m.v > 0
          /\ view[m.i] >= m.v
          /\ <<m.n, m.s>> \in ProvableCheckpoints
          /\ \A c \in m.P : c[1] < m.v /\ c[2] > m.n /\ <<c[1], c[2], c[3], m.i>> \in commits
          /\ \A c1, c2 \in m.P : c1[2] = c2[2] => c1 = c2
    /\ \A m1, m2 \in viewChanges : (m1.i = m2.i /\ m1.v = m2.v) => m1 = m2

(* Lemma 5.1: a correct VIEW-CHANGE for w reports every COMMIT its sender   *)
(* sent in a view below w: by its checkpoint, or by a certificate at that   *)
(* sequence number of that view or a later one.                             *)
ViewChangeReportsInv ==
    \A m \in viewChanges, c \in commits :
        (c[4] = m.i /\ c[1] < m.v) =>
            \/ c[2] <= m.n
            \/ \E p \in m.P : p[2] = c[2] /\ p[1] >= c[1]

(* Lemma 5.2, for the NEW-VIEWs of correct primaries: a request whose commit *)
(* quorum may still form in an earlier view is in O, or below its checkpoint.*)
NewViewCarriesInv ==
    \A t \in StillPossibleCommits, nv \in newViews :
        t[1] < nv.v => (t[2] <= nv.minS \/ <<t[2], t[3]>> \in nv.O)

(* Theorem 5.3, cases 2 and 3: a correct replica that entered view w > v    *)
(* through a NEW-VIEW has accepted at n the request whose commit quorum may *)
(* still form at (v, n), or has n below its watermark: the duplicate check  *)
(* and NextSeq then keep out any other request.                             *)
EnteredViewCarriesInv ==
    \A t \in StillPossibleCommits, r \in Correct :
        (status[r] = "normal" /\ t[1] < view[r]) =>
            (t[2] <= h[r] \/ Accepted(r, view[r], t[2], t[3]))

(* Theorem 5.3, strengthened to be inductive: once a correct replica        *)
(* accepts d at (w, n), no other request can still get a commit quorum at n *)
(* in an earlier view. Implies PBFT.tla!CommittedCarriedInv.               *)
CommitPossibleCarriedInv ==
    \A t \in StillPossibleCommits, a \in AcceptedTriples :
        (t[1] < a[1] /\ t[2] = a[2]) => t[3] = a[3]

(* Lemma 7.1: one request is committed per sequence number, in all views.   *)
CommittedUniqueInv ==
    \A t1, t2 \in CommittedTriples : t1[2] = t2[2] => t1[3] = t2[3]

(* Lemma 7.2: every executed request has a commit quorum.                   *)
ExecutedCommittedInv ==
    \A r \in Correct : \A i \in 1 .. Len(executed[r]) :
        \E v \in Views : CommitQuorum(v, i, executed[r][i])

(* Lemma 6.2 for the watermark: a correct replica's low watermark is a      *)
(* checkpoint it holds the state of, stable with that state.                *)
StableWatermarkInv ==
    \A r \in Correct :
        /\ h[r] <= Len(executed[r])
        /\ h[r] % K = 0
        /\ h[r] > 0 => StableProof(h[r], StateAt(r, h[r]))

(* The conjunction the argument uses. Order matters only for speed: TLC    *)
(* evaluates conjuncts in order, and the cheap ones prune first.           *)
IndInv ==
    /\ TypeOK
    /\ LogInOwnViewsInv
    /\ AcceptOnceInv
    /\ AgreementInv
    /\ CheckpointStateInv
    /\ StableWatermarkInv
    /\ NewViewShapeInv
    /\ PrimaryProposalsInv
    /\ CommitBackedInv
    /\ PreparedUniqueInv
    /\ ViewChangeShapeInv
    /\ ViewChangeReportsInv
    /\ NewViewCarriesInv
    /\ EnteredViewCarriesInv
    /\ CommitPossibleCarriedInv
    /\ CommittedUniqueInv
    /\ ExecutedCommittedInv
    /\ CommittedCarriedInv
    /\ ClientAcceptInv

(* The same without lemma 5.1: a VIEW-CHANGE may hide a COMMIT. Not         *)
(* inductive: a NEW-VIEW formed from such VIEW-CHANGEs drops the request.   *)
IndInvWithoutViewChangeReports ==
    /\ TypeOK
    /\ LogInOwnViewsInv
    /\ AcceptOnceInv
    /\ AgreementInv
    /\ CheckpointStateInv
    /\ StableWatermarkInv
    /\ NewViewShapeInv
    /\ PrimaryProposalsInv
    /\ CommitBackedInv
    /\ PreparedUniqueInv
    /\ ViewChangeShapeInv
    /\ NewViewCarriesInv
    /\ EnteredViewCarriesInv
    /\ CommitPossibleCarriedInv
    /\ CommittedUniqueInv
    /\ ExecutedCommittedInv
    /\ CommittedCarriedInv
    /\ ClientAcceptInv
=============================================================================
