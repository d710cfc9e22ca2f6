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
  /** The demo subject's own browser session, which the front end presents on calls made for them. */
  private String frontendSession;

  DemoContext(DemoClients clients, Narrator narrator, Optional<MailCatcher> mail) {
    this.clients = clients;
    this.narrator = narrator;
    this.mail = mail;
  }

  /**
   * {@code stub} as the front end acting for the signed-in demo subject: with their session in
   * {@code x-custody-session} (logging in once, when first needed).
   */
  <S extends io.grpc.stub.AbstractStub<S>> S asSubject(S stub) {
    if (frontendSession == null) {
      frontendSession = clients.stub("identity", org.custody.proto.identity.v1.SessionServiceGrpc::newBlockingStub, "frontend",
          org.custody.platform.access.Purpose.AUTHENTICATION).login(org.custody.proto.identity.v1.LoginRequest.newBuilder()
          .setProject(project).setEmail(email).setPassword(password).build()).getSessionToken();
    }
    io.grpc.Metadata headers = new io.grpc.Metadata();
    headers.put(org.custody.platform.session.SessionHeader.KEY, frontendSession);
    return stub.withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  String subjectDescription() {
    return account;
  }

  org.custody.proto.common.v1.SubjectRef subject() {
    return org.custody.proto.common.v1.SubjectRef.newBuilder().setProject(project).setAccount(account).build();
  }
}
