package org.pbft.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.pbft.core.message.ViewChange;

/** Valid VIEW-CHANGEs for views the replica has not completed yet, one per sender and view. */
final class ViewChangeStore {
  private final TreeMap<Long, Map<Integer, ViewChange>> byView = new TreeMap<>();

  /** False if the sender already sent a VIEW-CHANGE for that view. */
  boolean add(ViewChange vc) {
    return byView.computeIfAbsent(vc.newView(), v -> new TreeMap<>())
        .putIfAbsent(vc.replica(), vc) == null;
  }

  /** The VIEW-CHANGEs for {@code view}, ordered by sender. */
  List<ViewChange> forView(long view) {
    return new ArrayList<>(byView.getOrDefault(view, Map.of()).values());
  }

  /**
   * PBFT.tla!JoinViewChange's condition: the smallest view v above {@code currentView} such that
   * at least {@code weak} replicas other than {@code self} sent VIEW-CHANGEs for views of at least
   * v (one of them for v exactly). Each sender counts with the highest view it asked for.
   */
  OptionalLong joinableView(long currentView, int self, int weak) {
    var above = byView.tailMap(currentView, false);
    if (above.isEmpty()) {
      return OptionalLong.empty(); // the common case: the progress loop asks after every action
    }
    Map<Integer, Long> highest = new TreeMap<>();
    for (var e : above.entrySet()) {
      for (int q : e.getValue().keySet()) {
        if (q != self) {
          highest.put(q, e.getKey());
        }
      }
    }
    if (highest.size() < weak) {
      return OptionalLong.empty();
    }
    return highest.values().stream().mapToLong(Long::longValue).min();
  }

  /** The distinct replicas that sent VIEW-CHANGEs for {@code view} or a later view. */
  java.util.Set<Integer> sendersFrom(long view) {
    java.util.Set<Integer> senders = new java.util.TreeSet<>();
    byView.tailMap(view, true).values().forEach(m -> senders.addAll(m.keySet()));
    return senders;
  }

  /** VIEW-CHANGEs held, for tests of garbage collection. */
  int size() {
    return byView.values().stream().mapToInt(Map::size).sum();
  }

  /** Forgets VIEW-CHANGEs for views below {@code view}: they can no longer matter. */
  void discardBelow(long view) {
    byView.headMap(view, false).clear();
  }
}
