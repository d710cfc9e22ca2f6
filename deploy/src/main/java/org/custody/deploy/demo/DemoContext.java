package org.custody.deploy.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.custody.deploy.MailCatcher;

/** What the walkthrough's steps share: clients, the narrator, and the demo subject as it is built up. */
final class DemoContext {
  final DemoClients clients;
  final Narrator narrator;
  final Optional<MailCatcher> mail;
  /** Unique per run, so the demo can run again on the same databases. */
  final String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
  final String projectId = "demo-" + run;
  final String project = "projects/" + projectId;
  final String email = "jane.doe+" + run + "@example.com";
  final String password = "correct horse battery staple " + run;
  String account;
  String sessionToken;
  String billingProfile;

  DemoContext(DemoClients clients, Narrator narrator, Optional<MailCatcher> mail) {
    this.clients = clients;
    this.narrator = narrator;
    this.mail = mail;
  }

  String subjectDescription() {
    return account;
  }

  org.custody.proto.common.v1.SubjectRef subject() {
    return org.custody.proto.common.v1.SubjectRef.newBuilder().setProject(project).setAccount(account).build();
  }
}
