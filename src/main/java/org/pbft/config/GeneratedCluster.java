package org.pbft.config;

import java.util.List;

/** A freshly generated cluster: the public configuration and every node's secrets. */
public record GeneratedCluster(ClusterConfig config, List<NodeKeys> nodeKeys) {

  public GeneratedCluster {
    nodeKeys = List.copyOf(nodeKeys);
  }

  public NodeKeys keysOf(NodeId node) {
    return nodeKeys.stream()
        .filter(k -> k.id().equals(node))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + node + " in the cluster"));
  }
}
