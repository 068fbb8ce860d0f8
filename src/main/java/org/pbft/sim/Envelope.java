package org.pbft.sim;

import org.pbft.core.message.Message;

/**
 * A message in flight from address {@code from} to address {@code to}: replicas are 0..n-1,
 * clients follow them. {@code order} breaks ties between messages due at the same tick, drawn at
 * random so that the network reorders. {@code frame}: the bytes on the real wire, as the sender
 * sealed them, or null when the simulation passes messages directly.
 */
record Envelope(long deliverAt, long order, int from, int to, Message message, byte[] frame)
    implements Comparable<Envelope> {

  @Override
  public int compareTo(Envelope o) {
    int c = Long.compare(deliverAt, o.deliverAt);
    return c != 0 ? c : Long.compare(order, o.order);
  }
}
