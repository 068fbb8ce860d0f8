package org.pbft.core.message;

import java.util.List;

/**
 * A prepared certificate, an element of P in VIEW-CHANGE: the PRE-PREPARE and the 2f matching
 * PREPAREs from distinct backups that made the sender prepared.
 */
public record PreparedCertificate(PrePrepare prePrepare, List<Prepare> prepares) {

  public PreparedCertificate {
    prepares = List.copyOf(prepares);
  }

  public long view() {
    return prePrepare.view();
  }

  public long seq() {
    return prePrepare.seq();
  }

  public Digest digest() {
    return prePrepare.digest();
  }
}
