package org.pbft.sim.byzantine;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The Byzantine strategies by name; {@code all} picks one per seed, rotating through them. */
public final class Strategies {
  private Strategies() {}

  public static final String ALL = "all";
  public static final String NONE = "none";

  private record Entry(String name, Supplier<Strategy> make) {}

  private static final List<Entry> ENTRIES = List.of(
      new Entry("equivocate", Equivocate::new),
      new Entry("silent", Silent::new),
      new Entry("skip-reorder", SkipReorder::new),
      new Entry("wrong-digest", WrongDigest::new),
      new Entry("replay", Replay::new),
      new Entry("hide-prepared", HidePrepared::new),
      new Entry("forge-new-view", ForgeNewView::new),
      new Entry("random", RandomMessages::new));

  /**
   * By name only, not in the rotation: the flood (an attack on the resources of the real
   * processes; a burst per tick would make every run of the rotation many times longer) and
   * Twins (a later addition, kept out of the rotation so that each seed of {@code all} still
   * plays the strategy it always did).
   */
  private static final List<Entry> BY_NAME_ONLY = List.of(
      new Entry("flood", Flood::new),
      new Entry("twins", Twins::new));

  /** The strategy names, in rotation order. */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  /** The strategies {@link #ALL} does not rotate through. */
  public static List<String> byNameOnly() {
    return BY_NAME_ONLY.stream().map(Entry::name).toList();
  }

  /** Every strategy a replica can be told to play: the rotation, then the attacks. */
  public static List<String> allNames() {
    return Stream.concat(names().stream(), byNameOnly().stream()).toList();
  }

  /** A fresh strategy (strategies keep state) by name; empty if there is none of that name. */
  public static Optional<Strategy> byName(String name) {
    return Stream.concat(ENTRIES.stream(), BY_NAME_ONLY.stream())
        .filter(e -> e.name().equals(name)).findFirst()
        .map(e -> e.make().get());
  }

  /**
   * The strategy {@code selection} names for {@code seed}: a strategy's name, {@link #ALL} (one
   * per seed, in rotation) or {@link #NONE} (no Byzantine replica: empty).
   */
  public static Optional<Strategy> forSeed(String selection, long seed) {
    if (NONE.equals(selection)) {
      return Optional.empty();
    }
    if (ALL.equals(selection)) {
      return Optional.of(ENTRIES.get((int) Math.floorMod(seed, (long) ENTRIES.size())).make()
          .get());
    }
    return Optional.of(byName(selection).orElseThrow(() -> new IllegalArgumentException(
        "no Byzantine strategy '" + selection + "'; known: " + String.join(", ", names())
            + ", " + String.join(", ", byNameOnly()) + ", " + ALL + ", " + NONE)));
  }
}
