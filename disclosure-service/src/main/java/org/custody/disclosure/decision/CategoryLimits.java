package org.custody.disclosure.decision;

import static org.custody.platform.classification.DataCategory.USER;
import static org.custody.platform.classification.DataCategory.USER_AUTHORIZATION_CREDENTIALS;
import static org.custody.platform.classification.DataCategory.USER_CONTACT_ADDRESS;
import static org.custody.platform.classification.DataCategory.USER_CONTACT_EMAIL;
import static org.custody.platform.classification.DataCategory.USER_DEVICE_COOKIE_ID;
import static org.custody.platform.classification.DataCategory.USER_FINANCIAL;
import static org.custody.platform.classification.DataCategory.USER_FINANCIAL_CREDIT_CARD;
import static org.custody.platform.classification.DataCategory.USER_NAME;
import static org.custody.platform.classification.DataCategory.USER_UNIQUE_ID;
import static org.custody.platform.classification.DataCategory.USER_WORKPLACE;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.custody.platform.classification.DataCategory;

/**
 * Data minimisation tables: what no disclosure may ever carry, and what each P9 investigation
 * may need at most. A request asking for more gets the intersection (or a denial if nothing is left).
 */
public final class CategoryLimits {
  /**
   * Never disclosed: credentials (passwords, hashes, session tokens) and the catch-all "user",
   * which only a subject's own export carries (P13).
   */
  public static final Set<DataCategory> NEVER = EnumSet.of(USER_AUTHORIZATION_CREDENTIALS, USER);

  private static final Set<DataCategory> IDENTIFICATION = EnumSet.of(USER_NAME, USER_WORKPLACE, USER_CONTACT_EMAIL, USER_UNIQUE_ID);

  /**
   * Per P9 basis: who the person is, plus what that kind of case needs. A Terms-of-Service case
   * never needs payment data; a safety case needs where to find the person; fraud and legal
   * orders may reach billing records and payment-card references (token, brand, last four).
   */
  private static final Map<DisclosureBasis, Set<DataCategory>> INVESTIGATION_LIMITS = Map.of(
      DisclosureBasis.TERMS_OF_SERVICE, with(USER_DEVICE_COOKIE_ID),
      DisclosureBasis.PHYSICAL_SAFETY, with(USER_CONTACT_ADDRESS, USER_DEVICE_COOKIE_ID),
      DisclosureBasis.ILLEGAL_ACTIVITY, with(USER_CONTACT_ADDRESS, USER_DEVICE_COOKIE_ID, USER_FINANCIAL),
      DisclosureBasis.SUSPECTED_FRAUD, with(USER_CONTACT_ADDRESS, USER_DEVICE_COOKIE_ID, USER_FINANCIAL, USER_FINANCIAL_CREDIT_CARD),
      DisclosureBasis.REQUIRED_BY_LAW, with(USER_CONTACT_ADDRESS, USER_DEVICE_COOKIE_ID, USER_FINANCIAL, USER_FINANCIAL_CREDIT_CARD));

  private CategoryLimits() {}

  /** The most a basis may carry; every category but {@link #NEVER} for bases without a table. */
  public static Set<DataCategory> forBasis(DisclosureBasis basis) {
    Set<DataCategory> limit = INVESTIGATION_LIMITS.get(basis);
    if (limit != null) {
      return limit;
    }
    Set<DataCategory> all = EnumSet.allOf(DataCategory.class);
    all.removeAll(NEVER);
    return all;
  }

  private static Set<DataCategory> with(DataCategory... extra) {
    Set<DataCategory> set = EnumSet.copyOf(IDENTIFICATION);
    set.addAll(Set.of(extra));
    return set;
  }
}
