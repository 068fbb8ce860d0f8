package org.pbft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pbft.core.Effect;
import org.pbft.core.Input;
import org.pbft.core.message.Request;
import org.pbft.service.KeyValueStore;
import org.pbft.service.KvOperation;
import org.pbft.service.KvResult;

class UnreplicatedServerTest {
  private final UnreplicatedServer server = new UnreplicatedServer(new KeyValueStore());

  private KvResult send(long client, long timestamp, KvOperation op) {
    List<Effect> out = server.step(
        new Input.Receive(Input.CLIENT, new Request(client, timestamp, op.encode())));
    assertEquals(1, out.size(), "one reply per request: " + out);
    Effect.SendReply reply = (Effect.SendReply) out.get(0);
    assertEquals(timestamp, reply.reply().timestamp());
    assertEquals(client, reply.reply().clientId());
    return KvResult.decode(reply.reply().result());
  }

  @Test
  void runsEachRequestOnceAndAnswersARetransmissionWithTheSameReply() {
    send(1, 1, new KvOperation.Put("k", "a"));
    KvResult second = send(1, 2, new KvOperation.Put("k", "b"));
    assertEquals("a", second.value(), "a put returns the previous value");
    // The same request again: answered as before, not run again (else it would return "b").
    assertEquals("a", send(1, 2, new KvOperation.Put("k", "b")).value());
    assertEquals("b", send(2, 1, new KvOperation.Get("k")).value());
  }

  @Test
  void anOlderRequestOfAClientIsNotAnswered() {
    send(1, 5, new KvOperation.Put("k", "a"));
    assertTrue(server.step(new Input.Receive(Input.CLIENT,
        new Request(1, 4, new KvOperation.Put("k", "old").encode()))).isEmpty());
    assertEquals("a", send(2, 1, new KvOperation.Get("k")).value());
  }

  @Test
  void ticksAndReplicaMessagesDoNothing() {
    assertTrue(server.step(new Input.Tick()).isEmpty());
  }
}
