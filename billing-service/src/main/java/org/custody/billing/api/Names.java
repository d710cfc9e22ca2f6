package org.custody.billing.api;

import java.util.List;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.ResourceNames;
import org.custody.platform.errors.DomainException;

/** The resource names of the billing contract and their parsing (AIP-122). */
final class Names {
  static final String ACCOUNT = AccountName.PATTERN;
  static final String BILLING_PROFILE = ACCOUNT + "/billingProfiles/{billing_profile}";
  static final String PAYMENT_METHOD = ACCOUNT + "/paymentMethods/{payment_method}";
  static final String INVOICE = ACCOUNT + "/invoices/{invoice}";
  static final String KEY_VERSION = "keyVersions/{version}";
  static final String REWRAP_JOB = "rewrapJobs/{job}";

  private Names() {}

  static AccountName account(String field, String name) {
    return AccountName.parse(field, name);
  }

  /** A child resource of an account: the account (the subject it belongs to) and its own id. */
  record Child(AccountName subject, String id) {}

  static Child child(String field, String name, String pattern) {
    List<String> ids = ResourceNames.parse(field, name, pattern);
    return new Child(new AccountName(ids.get(0), ids.get(1)), ids.get(2));
  }

  static int keyVersion(String field, String name) {
    String id = ResourceNames.id(field, name, KEY_VERSION);
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw DomainException.notFound("key version");
    }
  }

  static String keyVersionName(int version) {
    return "keyVersions/" + version;
  }

  static String rewrapJob(String field, String name) {
    return ResourceNames.id(field, name, REWRAP_JOB);
  }

  static String rewrapJobName(String id) {
    return "rewrapJobs/" + id;
  }
}
