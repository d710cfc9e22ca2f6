package org.custody.disclosure.transfer;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.custody.disclosure.decision.Disclosure;
import org.custody.platform.classification.DataCategory;

/** The text of a transfer notice (P10): who will receive what, and not before when. */
final class TransferNoticeMail {
  private TransferNoticeMail() {}

  static String subject(String recipientName) {
    return "Notice: your data will be transferred to " + recipientName;
  }

  static String body(Addressee addressee, String recipientName, Disclosure disclosure, Duration noticePeriod) {
    Set<DataCategory> categories = disclosure.decision().allowedCategories();
    String list = categories.stream().map(DataCategory::fideslangKey).sorted().collect(Collectors.joining(", "));
    return "Hello" + addressee.name().map(n -> " " + n).orElse("") + ",\n\n"
        + "as part of a corporate transaction (an acquisition or merger), the service you use intends to transfer\n"
        + "your personal data to " + recipientName + ".\n\n"
        + "Data concerned: " + list + ".\n"
        + "The transfer will not take place before " + noticePeriod.toDays() + " days have passed after every affected\n"
        + "person has been told, as our privacy policy promises.\n\n"
        + "You keep all rights to your data: you may ask for a copy of it or for its erasure before the transfer.\n\n"
        + "Reference: " + disclosure.name() + "\n";
  }
}
