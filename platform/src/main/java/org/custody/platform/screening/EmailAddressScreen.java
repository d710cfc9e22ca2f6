package org.custody.platform.screening;

import build.buf.validate.ValidateProto;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.custody.proto.FieldClassification;
import org.custody.proto.common.v1.DataCategory;

/**
 * Keeps e-mail addresses in the fields classified for them (P6): a request whose string field
 * holds an e-mail address although its contract classifies it as not personal, or as another
 * category (a name, a company, a postal address, an id, free text about a disclosure...), is
 * refused with INVALID_ARGUMENT, reason {@code EMAIL_ADDRESS_NOT_ACCEPTED}, one field violation
 * per field, never the value. Runs on every service next to the card-number screen.
 *
 * <p>Fields that may hold one: classified {@code user.contact.email}, {@code user} (whole
 * documents), labelled per value ({@code category_from}), credentials (a password may contain
 * anything), fields whose contract rule makes them an address ({@code string.email}: a
 * recipient organisation's notice address), and fields whose service redacts personal values itself (analytics page URLs,
 * where an address becomes {@code :email}). Unknown fields are refused too.
 */
public final class EmailAddressScreen extends RequestScreen {
  public static final String REASON = "EMAIL_ADDRESS_NOT_ACCEPTED";
  static final String DESCRIPTION = "looks like an e-mail address; this field is not classified to hold one";
  private static final Set<DataCategory> MAY_HOLD_ADDRESSES = Set.of(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL,
      DataCategory.DATA_CATEGORY_USER, DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS);

  public EmailAddressScreen(MeterRegistry registry) {
    super(registry, REASON, DESCRIPTION, "custody_email_addresses_refused",
        "Requests refused because a field not classified for e-mail addresses held one");
  }

  @Override
  List<String> offendingFields(Message message) {
    return misplacedEmailAddresses(message);
  }

  /** The paths of the string fields holding an e-mail address they are not classified for. */
  public static List<String> misplacedEmailAddresses(Message message) {
    Set<String> found = new LinkedHashSet<>();
    StringFields.visit(message, (path, field, value) -> {
      if (!mayHoldAddress(field) && EmailAddresses.containsEmailAddress(value)) {
        found.add(path);
      }
    });
    return List.copyOf(found);
  }

  /** A field whose contract rule says it is an e-mail address (an organisation's notice address). */
  private static boolean hasEmailFormatRule(FieldDescriptor field) {
    return field.getOptions().hasExtension(ValidateProto.field) && field.getOptions().getExtension(ValidateProto.field).getString().getEmail();
  }

  static boolean mayHoldAddress(FieldDescriptor field) {
    if (field == null) {
      return false;
    }
    if (CardNumberScreen.exempt(field) || hasEmailFormatRule(field)) {
      return true;
    }
    FieldClassification c = FieldClassification.of(field);
    return c.categoryFrom().isPresent() || c.category().filter(MAY_HOLD_ADDRESSES::contains).isPresent();
  }
}
