package org.custody.disclosure.decision;

import java.util.Set;
import org.custody.platform.access.Purpose;
import org.custody.platform.classification.DataCategory;

/**
 * A request to disclose data, as asked.
 *
 * @param requestedBy who asks (an operator or service id)
 * @param caller the authenticated caller; request ids are unique per caller
 * @param requestId the idempotency key
 * @param requestHash a digest of the whole request, to refuse a request id reused for another request
 */
public record DisclosureRequest(
    String recipientId,
    Scope scope,
    Set<DataCategory> categories,
    Purpose purpose,
    DisclosureBasis basis,
    RecipientUse use,
    Evidence evidence,
    String requestedBy,
    String caller,
    String requestId,
    byte[] requestHash) {

  public DisclosureRequest {
    categories = Set.copyOf(categories);
    requestHash = requestHash.clone();
  }

  @Override
  public byte[] requestHash() {
    return requestHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DisclosureRequest r && r.caller.equals(caller) && r.requestId.equals(requestId)
        && java.util.Arrays.equals(r.requestHash, requestHash);
  }

  @Override
  public int hashCode() {
    return requestId.hashCode();
  }
}
