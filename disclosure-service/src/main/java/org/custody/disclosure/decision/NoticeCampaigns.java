package org.custody.disclosure.decision;


/** What decisions need from the transfer notices of corporate transactions (P10). */
public interface NoticeCampaigns {
  /** Starts notifying the subjects of a new PENDING_NOTICE decision, within its transaction. */
  void open(Disclosure disclosure);

  /** Asks for the campaigns to make progress soon (after a commit). */
  void nudge();

  NoticeStatus status(String disclosureId);
}
