package org.pbft.core;

import java.util.List;
import org.pbft.core.message.Digest;
import org.pbft.core.message.Message;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;

/** What a replica asks its environment to do, or reports, as the result of one step. */
public sealed interface Effect {

  /** Send {@code message} to replica {@code to}. */
  record Send(int to, Message message) implements Effect {}

  /** Send {@code message} to every other replica. */
  record Broadcast(Message message) implements Effect {}

  /** The replica executed the batch {@code digest} at {@code seq}, prepared in {@code view}. */
  record Execute(long view, long seq, Digest digest, List<Request> requests) implements Effect {
    public Execute {
      requests = List.copyOf(requests);
    }
  }

  /** Send {@code reply} to its client. */
  record SendReply(Reply reply) implements Effect {}

  /** A spec action happened: the trace event for trace validation. */
  record Trace(TraceEvent event) implements Effect {}

  /** {@code message} was ignored, for {@code reason}. */
  record Ignore(IgnoreReason reason, Message message) implements Effect {}

  /**
   * Whether a step's {@code effects} ignore {@code received} (an {@link Ignore} of that very
   * message): if not, the core kept it, and the signatures it carried may go into what the
   * replica sends later.
   */
  static boolean ignores(List<Effect> effects, Message received) {
    for (Effect e : effects) {
      if (e instanceof Ignore i && i.message() == received) {
        return true;
      }
    }
    return false;
  }
}
