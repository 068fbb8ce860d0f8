package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Byzantine strategies by name; {@code all} picks one per seed, rotating through them. With
 * f > 1 every faulty replica of a run plays the chosen strategy: each its own copy, or, for a
 * colluding plan, its own part of one shared plan.
 */
public final class Strategies {
  private Strategies() {}

  public static final String ALL = "all";
  /** Every strategy, the by-name ones included, one per seed in {@link #allNames()} order. */
  public static final String EVERY = "every";
  public static final String NONE = "none";

  /** {@code team.apply(k)}: the strategies of k faulty replicas, fresh (strategies keep state). */
  private record Entry(String name, IntFunction<List<Strategy>> team) {
    Entry(String name, Supplier<Strategy> make) {
      this(name, count -> copies(make, count));
    }

    Strategy make() {
      return team.apply(1).get(0);
    }
  }

  /** {@code count} replicas each playing its own copy of one script, acting alone. */
  private static List<Strategy> copies(Supplier<Strategy> make, int count) {
    List<Strategy> team = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      team.add(make.get());
    }
    return team;
  }

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
   * the later additions, kept out of the rotation so that each seed of {@code all} still plays the
   * strategy it always did: Twins, the colluding plan (every faulty replica follows one plan),
   * the small-scope mutations and the replier that withholds results.
   */
  private static final List<Entry> BY_NAME_ONLY = List.of(
      new Entry("flood", Flood::new),
      new Entry("twins", Twins::new),
      new Entry("collude", Collusion::team),
      new Entry("mutate", Mutate::new),
      new Entry("withhold-result", WithholdResult::new));

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
        .map(Entry::make);
  }

  /**
   * The strategies of the {@code count} faulty replicas of the run of {@code seed}, as {@link
   * #forSeed} chooses: empty for {@link #NONE} or a count of 0.
   */
  public static List<Strategy> teamForSeed(String selection, long seed, int count) {
    if (NONE.equals(selection) || count == 0) {
      return List.of();
    }
    return entryForSeed(selection, seed).team().apply(count);
  }

  /**
   * The strategy {@code selection} names for {@code seed}: a strategy's name, {@link #ALL} (one
   * per seed, in rotation) or {@link #NONE} (no Byzantine replica: empty).
   */
  public static Optional<Strategy> forSeed(String selection, long seed) {
    if (NONE.equals(selection)) {
      return Optional.empty();
    }
    return Optional.of(entryForSeed(selection, seed).make());
  }

  private static Entry entryForSeed(String selection, long seed) {
    if (ALL.equals(selection)) {
      return ENTRIES.get((int) Math.floorMod(seed, (long) ENTRIES.size()));
    }
    if (EVERY.equals(selection)) {
      List<Entry> every = Stream.concat(ENTRIES.stream(), BY_NAME_ONLY.stream()).toList();
      return every.get((int) Math.floorMod(seed, (long) every.size()));
    }
    return Stream.concat(ENTRIES.stream(), BY_NAME_ONLY.stream())
        .filter(e -> e.name().equals(selection)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "no Byzantine strategy '" + selection + "'; known: " + String.join(", ", names())
                + ", " + String.join(", ", byNameOnly()) + ", " + ALL + ", " + EVERY + ", "
                + NONE));
  }
}
