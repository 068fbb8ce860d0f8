package org.pbft.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CfgDeclarationsTest {
  @Test
  void readsInvariantsAndPropertiesAcrossKeywordsAndComments() {
    CfgDeclarations d = CfgDeclarations.parse(String.join("\n",
        "\\* EXPECT: VIOLATION AgreementInv",
        "CONSTANTS N = 4  Byz = {0}",
        "INVARIANT TypeOK",
        "INVARIANTS",
        "    AgreementInv  \\* InvInComment",
        "    (* HiddenInv (* nested *) StillHiddenInv *)",
        "    CheckpointInv",
        "PROPERTIES LivenessProp SafetyProp",
        "SYMMETRY RequestSymmetry",
        "CHECK_DEADLOCK FALSE"));
    assertEquals(List.of("TypeOK", "AgreementInv", "CheckpointInv"), d.invariants());
    assertEquals(List.of("LivenessProp", "SafetyProp"), d.properties());
    assertTrue(d.declares("SafetyProp"));
    assertFalse(d.declares("HiddenInv"));
    assertFalse(d.declares("RequestSymmetry"));
  }
}
