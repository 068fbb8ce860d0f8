------------------------------- MODULE MCPBFT -------------------------------
(***************************************************************************)
(* The model TLC exhausts: PBFT with its bounds. The constants are set in  *)
(* the .cfg files; this module adds what a .cfg cannot say.                *)
(***************************************************************************)
EXTENDS PBFT, TLC

(* Requests are interchangeable: any permutation of them maps a behaviour  *)
(* to a behaviour. Replicas are not (the primary of v is v mod N).         *)
RequestSymmetry == Permutations(Requests)

=============================================================================
