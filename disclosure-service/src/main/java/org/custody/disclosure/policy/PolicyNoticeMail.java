package org.custody.disclosure.policy;

import org.custody.disclosure.transfer.Addressee;

/**
 * The text of a policy-change notice (P14): which version, when it takes effect, what changes.
 * Nothing personal beyond the addressee's own name in the salutation.
 */
final class PolicyNoticeMail {
  private PolicyNoticeMail() {}

  static String subject(PolicyVersion version) {
    return "Our privacy policy is changing on " + version.effectiveDate() + " (version " + version.id() + ")";
  }

  static String body(Addressee addressee, PolicyVersion version) {
    String project = addressee.subject().project().substring("projects/".length());
    return "Hello" + addressee.name().map(n -> " " + n).orElse("") + ",\n\n"
        + "we are making a significant change to our privacy policy. The new version " + version.id() + " takes effect on "
        + version.effectiveDate() + ".\n\n"
        + "What changes:\n" + version.summary() + "\n\n"
        + version.url().map(u -> "The full text: " + u + "\n\n")
            .orElse("You will find the full text, and a notice to acknowledge it, when you next log in to your project site.\n\n")
        + "You receive this message as the primary account holder of the project site " + project + ".\n\n"
        + "Reference: " + version.name() + " (SHA-256 " + version.contentSha256() + ")\n";
  }
}
