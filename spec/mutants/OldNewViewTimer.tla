-------------------------- MODULE OldNewViewTimer --------------------------
(***************************************************************************)
(* Liveness mutant: the old timer rule. A replica starts its NEW-VIEW      *)
(* timer as soon as it moves to a view, whether or not 2f+1 replicas sent  *)
(* VIEW-CHANGE for it: OldNewViewTimer.cfg overrides                       *)
(* PBFT.tla!NewViewTimerRuns with OldNewViewTimerRuns, so that both        *)
(* StartViewChange and the liveness model's Timeout use it. Beside         *)
(* MCPBFTLivenessByz with timers that may expire one at a time (the        *)
(* -async timing, TimersTogether <- MCFalse).                              *)
(* Expected: ViewSpreadInv fails, counterexample of 3 states. Replicas     *)
(* 1, 2 and 3 wait for the request in view 0 (the Byzantine primary is     *)
(* silent); replica r's request timer expires alone: view 1, VIEW-CHANGE   *)
(* from r only; nothing else can happen, its NEW-VIEW timer expires: view  *)
(* 2, two views ahead of the others. The others, when they time out, move  *)
(* to view 1 and do not reach it (nor does the f+1 join rule pull them:    *)
(* only r asks for view 2). Under rule 1 r waits in view 1, where they     *)
(* arrive.                                                                 *)
(* With timers that expire together (MCPBFTLivenessByz.cfg's timing) the   *)
(* old rule reaches exactly the states of the new one (37,504) and         *)
(* ViewConvergenceProp holds under both (TLC, by hand): no                 *)
(* correct replica ever waits for a NEW-VIEW with fewer than 2f+1          *)
(* VIEW-CHANGEs there, so the two rules cannot differ (spec/README.md,     *)
(* "Liveness").                                                            *)
(***************************************************************************)
EXTENDS MCPBFTLivenessByz

OldNewViewTimerRuns(r) == TRUE
=============================================================================
