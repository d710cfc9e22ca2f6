package org.custody.platform.screening;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.custody.proto.FieldClassification;
import org.custody.proto.common.v1.CardNumberHandling;
import org.custody.proto.common.v1.ClassificationProto;
import org.custody.proto.common.v1.DataCategory;

/**
 * Refuses any request whose string fields, at any depth (nested, repeated, map keys and values,
 * and fields this contract version does not know), hold a payment card number (P3):
 * INVALID_ARGUMENT, reason {@code CARD_NUMBER_NOT_ACCEPTED}, one field violation per field. Every
 * service runs it (see ServiceServer) before validation and the handler, so such a value never
 * reaches a store, an idempotency record or a log; the log line and the violations name the
 * fields, never the value.
 *
 * <p>Fields whose contract sets {@code (custody.common.v1.card_numbers)} are the exceptions:
 * processor tokens (network tokens look like card numbers), and fields whose service redacts
 * card numbers itself (analytics page views: one visitor's URL must not fail a batch).
 */
public final class CardNumberScreen extends RequestScreen {
  public static final String REASON = "CARD_NUMBER_NOT_ACCEPTED";
  static final String DESCRIPTION = "looks like a payment card number; card numbers are not accepted here";

  public CardNumberScreen(MeterRegistry registry) {
    super(registry, REASON, DESCRIPTION, "custody_card_numbers_refused",
        "Requests refused because a string field held a payment card number");
  }

  @Override
  List<String> offendingFields(Message message) {
    return fieldsWithCardNumbers(message);
  }

  /** The paths of the string fields holding a card number, e.g. {@code billing_profile.address.address_lines[0]}. */
  public static List<String> fieldsWithCardNumbers(Message message) {
    Set<String> found = new LinkedHashSet<>();
    StringFields.visit(message, (path, field, value) -> {
      if ((field == null || !exempt(field)) && CardNumbers.containsCardNumber(value)) {
        found.add(path);
      }
    });
    return List.copyOf(found);
  }

  /**
   * Whether the contract exempts the field: a processor token, text its service redacts, or a
   * credential (a password, a token). Credentials are only ever kept as hashes, so a card-like
   * digit run in one lands nowhere, while refusing it would lock out a user whose password has one.
   */
  static boolean exempt(FieldDescriptor field) {
    boolean declared = field.getOptions().hasExtension(ClassificationProto.cardNumbers)
        && field.getOptions().getExtension(ClassificationProto.cardNumbers) != CardNumberHandling.CARD_NUMBER_HANDLING_UNSPECIFIED;
    return declared || FieldClassification.of(field).category()
        .filter(DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS::equals).isPresent();
  }
}
