package org.pbft.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.Request;
import org.pbft.core.message.ViewChange;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;

/** Builders for the messages scenario tests send, and readers for the effects they check. */
final class Msgs {
  private Msgs() {}

  /** Client c's request t: put("k" + c, "v" + t). */
  static Request req(long client, long timestamp) {
    return new Request(client, timestamp,
        new KvOperation.Put("k" + client, "v" + timestamp).encode());
  }

  static Request op(long client, long timestamp, KvOperation op) {
    return new Request(client, timestamp, op.encode());
  }

  static PrePrepare pp(long view, long seq, Request... requests) {
    return PrePrepare.of(view, seq, List.of(requests));
  }

  static Prepare prepare(PrePrepare pp, int replica) {
    return new Prepare(pp.view(), pp.seq(), pp.digest(), replica);
  }

  static Commit commit(PrePrepare pp, int replica) {
    return new Commit(pp.view(), pp.seq(), pp.digest(), replica);
  }

  static PreparedCertificate cert(PrePrepare pp, int... backups) {
    return new PreparedCertificate(pp,
        Arrays.stream(backups).mapToObj(b -> prepare(pp, b)).toList());
  }

  /** The digest of the initial state of a replica running a fresh key-value store. */
  static Digest initialState() {
    return Digest.of(CheckpointState.capture(new KeyValueStore(), new ClientTable()));
  }

  /** VIEW-CHANGE for {@code newView} from the initial checkpoint with the given certificates. */
  static ViewChange vc(long newView, int replica, PreparedCertificate... certs) {
    return new ViewChange(newView, 0, initialState(), List.of(), List.of(certs), replica);
  }

  /** Messages of type {@code type} the effects broadcast or send. */
  static <T extends Message> List<T> sent(List<Effect> effects, Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Effect e : effects) {
      Message m = e instanceof Effect.Broadcast b ? b.message()
          : e instanceof Effect.Send s ? s.message() : null;
      if (type.isInstance(m)) {
        found.add(type.cast(m));
      }
    }
    return found;
  }

  static List<IgnoreReason> ignored(List<Effect> effects) {
    return effects.stream()
        .filter(e -> e instanceof Effect.Ignore)
        .map(e -> ((Effect.Ignore) e).reason())
        .toList();
  }

  static List<SpecAction> actions(List<Effect> effects) {
    return effects.stream()
        .filter(e -> e instanceof Effect.Trace)
        .map(e -> ((Effect.Trace) e).event().action())
        .toList();
  }

  static List<Effect.Execute> executed(List<Effect> effects) {
    return effects.stream()
        .filter(e -> e instanceof Effect.Execute)
        .map(e -> (Effect.Execute) e)
        .toList();
  }
}
