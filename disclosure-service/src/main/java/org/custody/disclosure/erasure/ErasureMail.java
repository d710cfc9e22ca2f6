package org.custody.disclosure.erasure;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.custody.platform.subject.Subject;

/** The texts of an erasure notice to a recipient (GDPR Art. 19) and of the subject's receipt. */
final class ErasureMail {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private ErasureMail() {}

  static String noticeSubject() {
    return "Erasure notice: please erase a data subject's personal data";
  }

  /**
   * Names the subject the way the recipient received them: by account for an account; for a
   * subject known by e-mail, by the disclosures that carried their data (the address is not
   * repeated in a mail that outlives the erasure).
   */
  static String noticeBody(String recipientName, Erasure erasure, Subject subject, List<String> disclosures) {
    String who = subject.account().map(a -> "the data subject " + a)
        .orElse("the data subject known by e-mail address in the disclosures listed below");
    return "Dear " + recipientName + ",\n\n"
        + who + " has had their personal data erased from our services at their request.\n"
        + "You received their data from us in: " + String.join(", ", disclosures) + ".\n\n"
        + "Under Article 19 GDPR we inform every recipient of such an erasure: please erase the personal data of this\n"
        + "subject that you received from us, unless a legal obligation requires you to keep it.\n\n"
        + "Reference: " + erasure.name() + "\n";
  }

  static String receiptSubject() {
    return "Your data has been erased";
  }

  static String receiptBody(Optional<String> name, Erasure erasure, ServiceReceipt own, List<String> recipientsTold) {
    StringBuilder body = new StringBuilder("Hello" + name.map(n -> " " + n).orElse("") + ",\n\n"
        + "your request to erase your personal data has been carried out across our services.\n\n");
    for (ErasureStep step : erasure.steps()) {
      Optional<ServiceReceipt> receipt = step.service().equals(Erasures.DISCLOSURE) ? Optional.of(own) : step.receipt();
      receipt.ifPresent(r -> {
        body.append("- ").append(step.service()).append(" (receipt ").append(r.id()).append("): erased ");
        body.append(r.erased().isEmpty() ? "nothing further" : String.join(", ",
            r.erased().stream().map(e -> e.count() + " " + e.kind()).toList()));
        body.append('\n');
        for (ServiceReceipt.Kept k : r.kept()) {
          if (k.count() > 0) {
            body.append("    kept: ").append(k.count()).append(' ').append(k.kind()).append(", because: ").append(k.legalBasis())
                .append(k.purgeTime().map(t -> "; deleted by " + DAY.format(t)).orElse("")).append('\n');
          }
        }
      });
    }
    body.append('\n').append(recipientsTold.isEmpty()
        ? "No other organisation received your data from us.\n"
        : "We told every organisation that received your data from us to erase it too (" + recipientsTold.size() + ").\n");
    body.append("\nReference: ").append(erasure.name()).append('\n');
    return body.toString();
  }
}
