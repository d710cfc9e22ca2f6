package org.custody.deploy.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.custody.client.RequestIds;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DisclosureRecord;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.ListDisclosuresRequest;
import org.custody.proto.disclosure.v1.ListDisclosuresResponse;
import org.custody.proto.disclosure.v1.ListRecipientsRequest;
import org.custody.proto.disclosure.v1.ListRecipientsResponse;
import org.custody.proto.disclosure.v1.PolicyServiceGrpc;
import org.custody.proto.disclosure.v1.PolicyVersion;
import org.custody.proto.disclosure.v1.PublishPolicyVersionRequest;
import org.custody.proto.disclosure.v1.PublishPolicyVersionResponse;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Disclosure's registries: recipients, disclosures of a subject, policy versions. */
final class RegistryCommands {
  private RegistryCommands() {}

  /** A message from its JSON form (the contract's field names), e.g. a recipient or a policy version. */
  static <B extends Message.Builder> B readJson(Path file, B builder) {
    try {
      JsonFormat.parser().merge(Files.readString(file), builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw new Connection.UsageException(file + " is not a valid " + builder.getDescriptorForType().getName() + " in JSON: " + e.getMessage());
    } catch (IOException e) {
      throw new Connection.UsageException(file + " cannot be read");
    }
  }

  @Command(name = "recipients", description = "The recipients registry (P11): list, create.",
      subcommands = {Recipients.ListRecipients.class, Recipients.Create.class})
  static final class Recipients {
    @Command(name = "list", description = "Lists the registered recipients.")
    static final class ListRecipients implements Callable<Integer> {
      @Mixin Connection connection;
      @Spec picocli.CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() {
        return Calls.with(connection, "disclosure", channel -> {
          Output out = new Output(spec.commandLine().getOut(), connection.json);
          RecipientServiceGrpc.RecipientServiceBlockingStub stub = RecipientServiceGrpc.newBlockingStub(channel)
              .withCallCredentials(connection.credentials(Purpose.PURPOSE_LEGAL_COMPLIANCE));
          String token = "";
          do {
            ListRecipientsResponse page = stub.listRecipients(ListRecipientsRequest.newBuilder().setPageSize(100).setPageToken(token).build());
            page.getRecipientsList().forEach(r -> out.print(r, () -> String.format("%-40s %-28s %s", r.getName(),
                r.getKind().name().replace("RECIPIENT_KIND_", ""), r.getDisplayName())));
            token = page.getNextPageToken();
          } while (!token.isEmpty());
          return ExitCodes.OK;
        });
      }
    }

    @Command(name = "create", description = "Registers a recipient from a JSON file holding a custody.disclosure.v1.Recipient.")
    static final class Create implements Callable<Integer> {
      @Mixin Connection connection;
      @Option(names = "--id", required = true, description = "the recipient's id, e.g. acme-translations") String id;
      @Option(names = "--from", required = true, paramLabel = "FILE", description = "the recipient as JSON") Path file;
      @Option(names = "--request-id", description = "reuse this id to retry (default: a new one)") String requestId = RequestIds.newId();
      @Spec picocli.CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() {
        Recipient recipient = readJson(file, Recipient.newBuilder()).build();
        return Calls.with(connection, "disclosure", channel -> {
          Recipient created = RecipientServiceGrpc.newBlockingStub(channel)
              .withCallCredentials(connection.credentials(Purpose.PURPOSE_LEGAL_COMPLIANCE))
              .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId(id).setRecipient(recipient).setRequestId(requestId).build())
              .getRecipient();
          new Output(spec.commandLine().getOut(), connection.json).print(created, () -> "created " + created.getName());
          return ExitCodes.OK;
        });
      }
    }
  }

  @Command(name = "disclosures", description = "Disclosures of a subject's data.", subcommands = Disclosures.ListDisclosures.class)
  static final class Disclosures {
    @Command(name = "list", description = "Lists every disclosure decision about a subject, with its ledger entry.")
    static final class ListDisclosures implements Callable<Integer> {
      @Mixin Connection connection;
      @ArgGroup(exclusive = false, multiplicity = "1") SubjectOptions subject;
      @Spec picocli.CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() {
        return Calls.with(connection, "disclosure", channel -> {
          Output out = new Output(spec.commandLine().getOut(), connection.json);
          DisclosureServiceGrpc.DisclosureServiceBlockingStub stub = DisclosureServiceGrpc.newBlockingStub(channel)
              .withCallCredentials(connection.credentials(Purpose.PURPOSE_SUBJECT_REQUEST));
          String token = "";
          int count = 0;
          do {
            ListDisclosuresResponse page = stub.listDisclosures(ListDisclosuresRequest.newBuilder()
                .setSubject(subject.toProto()).setPageSize(100).setPageToken(token).build());
            for (DisclosureRecord record : page.getDisclosuresList()) {
              count++;
              out.print(record, () -> String.format("%-50s %-10s %s ledger#%d", record.getDisclosure().getName(),
                  record.getDisclosure().getOutcome().name().replace("DECISION_OUTCOME_", ""),
                  record.getDisclosure().getRecipient(), record.getProof().getLeafIndex()));
            }
            token = page.getNextPageToken();
          } while (!token.isEmpty());
          int total = count;
          out.human(total + " disclosure(s)");
          return ExitCodes.OK;
        });
      }
    }
  }

  @Command(name = "policy", description = "Privacy-policy versions (P14).", subcommands = Policy.Publish.class)
  static final class Policy {
    @Command(name = "publish", description = {"Publishes a policy version from a JSON file holding a custody.disclosure.v1.PolicyVersion;",
        "a significant one e-mails every project's primary account holder."})
    static final class Publish implements Callable<Integer> {
      @Mixin Connection connection;
      @Option(names = "--id", required = true, description = "the version's id, e.g. 2026-12") String id;
      @Option(names = "--from", required = true, paramLabel = "FILE", description = "the version as JSON") Path file;
      @Option(names = "--request-id", description = "reuse this id to retry (default: a new one)") String requestId = RequestIds.newId();
      @Spec picocli.CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() {
        PolicyVersion version = readJson(file, PolicyVersion.newBuilder()).build();
        return Calls.with(connection, "disclosure", channel -> {
          PublishPolicyVersionResponse published = PolicyServiceGrpc.newBlockingStub(channel)
              .withCallCredentials(connection.credentials(Purpose.PURPOSE_CONTACT))
              .publishPolicyVersion(PublishPolicyVersionRequest.newBuilder().setPolicyVersionId(id).setPolicyVersion(version)
                  .setRequestId(requestId).build());
          new Output(spec.commandLine().getOut(), connection.json).print(published, () -> "published " + published.getPolicyVersion().getName()
              + (published.hasNoticeCampaign() ? ", notice campaign " + published.getNoticeCampaign().getName() : ""));
          return ExitCodes.OK;
        });
      }
    }
  }
}
