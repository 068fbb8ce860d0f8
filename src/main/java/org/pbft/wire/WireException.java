package org.pbft.wire;

/** A frame that {@link SecureChannel#open} refuses; the message says which field and why. */
public final class WireException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DropReason reason;

  public WireException(DropReason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public DropReason reason() {
    return reason;
  }
}
