package org.custody.disclosure.recipient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/** The rules of the recipients registry (P11). */
public final class Recipients {
  private final RecipientStore store;
  private final Clock clock;

  public Recipients(RecipientStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Registers a recipient as version 1. Kind-specific fields must be present where the kind needs them. */
  public Recipient create(Recipient draft) {
    List<FieldViolation> violations = new ArrayList<>();
    if (draft.kind() == RecipientKind.PROCESSOR_UNDER_NDA && draft.nda().isEmpty()) {
      violations.add(new FieldViolation("recipient.nda", "a processor under NDA needs its agreement"));
    }
    if (draft.kind() == RecipientKind.AFFILIATE && draft.controllingEntity().isEmpty()) {
      violations.add(new FieldViolation("recipient.controlling_entity", "an affiliate needs its controlling entity"));
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("RECIPIENT_INCOMPLETE", violations);
    }
    Recipient recipient = new Recipient(draft.id(), 1, draft.displayName().strip(), draft.kind(), draft.permittedPurposes(),
        draft.permittedCategories(), draft.nda(), draft.controllingEntity(), draft.noticeEmail(), clock.instant());
    store.insertFirstVersion(recipient);
    return recipient;
  }

  public Recipient get(String id) {
    return store.findCurrent(id).orElseThrow(() -> DomainException.notFound("recipient"));
  }
}
