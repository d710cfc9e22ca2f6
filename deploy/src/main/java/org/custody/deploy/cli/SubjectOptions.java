package org.custody.deploy.cli;

import org.custody.proto.common.v1.SubjectRef;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Whose data: a project site and either an account or, for people known only by it, an e-mail address. */
final class SubjectOptions {
  @Option(names = "--project", required = true, paramLabel = "projects/ID", description = "the project site, e.g. projects/acme")
  String project;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Identifier identifier;

  static final class Identifier {
    @Option(names = "--account", paramLabel = "NAME", description = "the account, e.g. projects/acme/accounts/123")
    String account;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "the e-mail address of a person known only by it")
    String email;
  }

  SubjectRef toProto() {
    SubjectRef.Builder subject = SubjectRef.newBuilder().setProject(project);
    if (identifier.account != null) {
      subject.setAccount(identifier.account);
    } else {
      subject.setEmail(identifier.email);
    }
    return subject.build();
  }
}
