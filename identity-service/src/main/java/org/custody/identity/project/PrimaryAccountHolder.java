package org.custody.identity.project;

/** A project site's primary account holder, with the address policy-change notices go to (P14). */
public record PrimaryAccountHolder(String projectId, String accountId, String fullName, String email) {
  @Override
  public String toString() {
    return "PrimaryAccountHolder[" + projectId + "/" + accountId + "]";
  }
}
