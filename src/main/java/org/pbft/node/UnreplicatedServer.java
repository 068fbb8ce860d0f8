package org.pbft.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.Peer;
import org.pbft.core.message.Reply;
import org.pbft.core.message.Request;
import org.pbft.service.Service;

/**
 * The benchmark's baseline: the same service behind the same process, wire and network stack as
 * a replica, without the protocol. It runs each request as it arrives and replies at once, in
 * a cluster of one server (n = 1, f = 0: the client accepts its one reply). What a request costs
 * here is what replication does not add, as the paper compares its null operation with an
 * unreplicated server.
 *
 * <p>It keeps a client's last reply, as a replica does, so that a retransmitted request is
 * answered again rather than run twice.
 */
public final class UnreplicatedServer implements Peer {
  private final Service service;
  private final Map<Long, Reply> lastReply = new HashMap<>();

  public UnreplicatedServer(Service service) {
    this.service = service;
  }

  @Override
  public int id() {
    return 0;
  }

  @Override
  public List<Effect> step(Input input) {
    if (!(input instanceof Input.Receive receive) || !(receive.message() instanceof Request r)) {
      return List.of();
    }
    Reply last = lastReply.get(r.clientId());
    if (last != null && last.timestamp() >= r.timestamp()) {
      return last.timestamp() == r.timestamp() ? List.of(new Effect.SendReply(last)) : List.of();
    }
    List<Effect> out = new ArrayList<>(1);
    if (r.readOnly()) {
      service.executeReadOnly(r.operation()).ifPresent(result ->
          out.add(new Effect.SendReply(new Reply(0, r.timestamp(), r.clientId(), 0, result, true))));
      return out;
    }
    Reply reply = new Reply(0, r.timestamp(), r.clientId(), 0, service.execute(r.operation()));
    lastReply.put(r.clientId(), reply);
    out.add(new Effect.SendReply(reply));
    return out;
  }
}
