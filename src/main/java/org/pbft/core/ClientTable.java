package org.pbft.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Exactly-once execution: per client, the timestamp of the last request executed and its result.
 * Part of the checkpointed state, so it holds no view numbers (replicas may execute a request in
 * different views, and their checkpoints must still match).
 */
final class ClientTable {

  /** The last request executed for a client, with the reply to re-send on a retransmission. */
  record Entry(long timestamp, byte[] result) {}

  private final TreeMap<Long, Entry> entries = new TreeMap<>();

  Optional<Entry> last(long clientId) {
    return Optional.ofNullable(entries.get(clientId));
  }

  /** True when the client's request with this timestamp, or a later one, has been executed. */
  boolean executed(long clientId, long timestamp) {
    Entry e = entries.get(clientId);
    return e != null && e.timestamp() >= timestamp;
  }

  void record(long clientId, long timestamp, byte[] result) {
    entries.put(clientId, new Entry(timestamp, result.clone()));
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(entries.size());
    for (Map.Entry<Long, Entry> e : entries.entrySet()) {
      out.writeLong(e.getKey());
      out.writeLong(e.getValue().timestamp());
      out.writeInt(e.getValue().result().length);
      out.write(e.getValue().result());
    }
  }

  void readReplacing(DataInputStream in) throws IOException {
    TreeMap<Long, Entry> read = new TreeMap<>();
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      long client = in.readLong();
      long timestamp = in.readLong();
      byte[] result = in.readNBytes(in.readInt());
      read.put(client, new Entry(timestamp, result));
    }
    entries.clear();
    entries.putAll(read);
  }
}
