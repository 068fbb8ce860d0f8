package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Prepare;

class PreparedSlotsTest {
  private static final Digest D = Digest.of(new byte[] {1});

  @Test
  void onlyAPrepareOfTheVerySlotAndViewMarkedIsNeedless() {
    PreparedSlots slots = new PreparedSlots();
    assertFalse(slots.needless(new Prepare(0, 5, D, 2)), "nothing marked yet");
    slots.prepared(0, 5);
    assertTrue(slots.needless(new Prepare(0, 5, D, 2)));
    assertFalse(slots.needless(new Prepare(1, 5, D, 2)), "another view");
    assertFalse(slots.needless(new Prepare(0, 6, D, 2)), "another slot");
    assertFalse(slots.needless(new Commit(0, 5, D, 2)), "only PREPAREs");
  }

  @Test
  void aNewerMarkOfTheSameIndexReplacesTheOlderOne() {
    PreparedSlots slots = new PreparedSlots();
    slots.prepared(0, 5);
    slots.prepared(0, 5 + PreparedSlots.SLOTS);
    assertTrue(slots.needless(new Prepare(0, 5 + PreparedSlots.SLOTS, D, 2)));
    assertFalse(slots.needless(new Prepare(0, 5, D, 2)), "forgotten, so checked as usual");
  }
}
