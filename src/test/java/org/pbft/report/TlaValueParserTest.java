package org.pbft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TlaValueParserTest {
  @Test
  void readsWhatTlcPrintsAndPrintsItBack() {
    for (String text : new String[] {
        "{}", "<<>>", "{<<0, 1, r1, 1>>, <<0, 1, r2, 2>>}",
        "(0 :> <<>> @@ 1 :> <<r1>> @@ 2 :> <<r2>> @@ 3 :> <<>>)",
        "(0 :> \"normal\" @@ 1 :> \"viewchange\")",
        "{[v |-> 1, n |-> 0, s |-> <<>>, P |-> {<<0, 1, r1>>}, i |-> 1]}", "-3", "TRUE"}) {
      assertEquals(text, TlaValueParser.parse(text).toString());
    }
  }

  @Test
  void aFunctionKnowsItsPairs() {
    TlaValue v = TlaValueParser.parse("(0 :> 0 @@ 1 :> 2)");
    assertTrue(v instanceof TlaValue.Fun f && f.pairs().get(new TlaValue.Num(1))
        .equals(new TlaValue.Num(2)), v.toString());
  }

  @Test
  void badTextIsRefusedWithThePosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlaValueParser.parse("{<<0, 1>>, "));
    assertTrue(e.getMessage().contains("offset"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TlaValueParser.parse("[a |-> 1"));
    assertThrows(IllegalArgumentException.class, () -> TlaValueParser.parse("1 2"));
  }
}
