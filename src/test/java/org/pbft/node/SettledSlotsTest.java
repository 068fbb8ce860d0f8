package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbft.core.message.Checkpoint;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Prepare;

class SettledSlotsTest {
  private static final Digest D = Digest.of(new byte[] {1});

  @Test
  void onlyAPrepareOfTheVerySlotAndViewPreparedIsNeedless() {
    SettledSlots slots = new SettledSlots();
    assertFalse(slots.needless(new Prepare(0, 5, D, 2)), "nothing marked yet");
    slots.prepared(0, 5);
    assertTrue(slots.needless(new Prepare(0, 5, D, 2)));
    assertFalse(slots.needless(new Prepare(1, 5, D, 2)), "another view");
    assertFalse(slots.needless(new Prepare(0, 6, D, 2)), "another slot");
    assertFalse(slots.needless(new Commit(0, 5, D, 2)), "prepared, not yet executed");
  }

  @Test
  void onlyACommitOfTheVerySlotAndViewExecutedIsNeedless() {
    SettledSlots slots = new SettledSlots();
    slots.executed(1, 7);
    assertTrue(slots.needless(new Commit(1, 7, D, 3)));
    assertFalse(slots.needless(new Commit(0, 7, D, 3)), "another view");
    assertFalse(slots.needless(new Commit(1, 8, D, 3)), "another slot");
    assertFalse(slots.needless(new Prepare(1, 7, D, 3)), "executed is not prepared");
    assertFalse(slots.needless(new Checkpoint(7, D, 3)), "only votes");
  }

  @Test
  void aNewerMarkOfTheSameIndexReplacesTheOlderOne() {
    SettledSlots slots = new SettledSlots();
    slots.prepared(0, 5);
    slots.prepared(0, 5 + SettledSlots.SLOTS);
    slots.executed(0, 5);
    slots.executed(0, 5 + SettledSlots.SLOTS);
    assertTrue(slots.needless(new Prepare(0, 5 + SettledSlots.SLOTS, D, 2)));
    assertFalse(slots.needless(new Prepare(0, 5, D, 2)), "forgotten, so checked as usual");
    assertTrue(slots.needless(new Commit(0, 5 + SettledSlots.SLOTS, D, 2)));
    assertFalse(slots.needless(new Commit(0, 5, D, 2)), "forgotten, so checked as usual");
  }
}
