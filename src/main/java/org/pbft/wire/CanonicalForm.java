package org.pbft.wire;

import java.util.List;
import org.pbft.core.message.Message;

/**
 * A message's canonical bytes inside a frame and what they contain that needs a signature
 * section entry (in order of where their canonical bytes start) or a request authenticator.
 */
record CanonicalForm(
    Message message, List<SignedPart> signedParts, List<RequestPart> authenticatedRequests) {}
