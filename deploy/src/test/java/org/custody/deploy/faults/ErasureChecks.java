package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custody.deploy.MailCatcher;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.ServiceErasure;
import org.custody.proto.disclosure.v1.ServiceErasureState;

/**
 * What "every acknowledged erasure done exactly once" means, checked from outside: the saga is
 * COMPLETED with every service confirmed, the ledger holds one {@code erasure.requested}, one
 * {@code erasure.confirmed} per leaf service and one {@code erasure.completed} for it, and the
 * leaves no longer hold the subject's account or billing profile.
 */
final class ErasureChecks {
  static final List<String> LEAVES = List.of("identity", "billing", "analytics");
  static final String RECEIPT_SUBJECT = "Your data has been erased";

  private ErasureChecks() {}

  /** Waits until every erasure named is COMPLETED; returns how long that took. */
  static Duration awaitCompleted(ErasureLoad load, Collection<String> names, Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + atMost.toNanos();
    for (String name : names) {
      while (!completed(load, name)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("erasure not completed within " + atMost + ": " + load.get(name));
        }
        Thread.sleep(200);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static boolean completed(ErasureLoad load, String name) {
    try {
      return load.get(name).getState() == ErasureState.ERASURE_STATE_COMPLETED;
    } catch (StatusRuntimeException e) {
      return false;  // the instance is not answering yet
    }
  }

  /** One erasure per subject, each COMPLETED once, with its ledger entries exactly once. */
  static void assertEachDoneOnce(ErasureLoad load, LedgerEntries ledger) {
    Map<String, String> names = load.acknowledged;
    assertThat(names.values().stream().distinct().count()).as("one erasure per subject requested")
        .isEqualTo(load.subjectOf.size());
    for (String name : load.subjectOf.keySet()) {
      Erasure erasure = load.get(name);
      assertThat(erasure.getState()).as(name).isEqualTo(ErasureState.ERASURE_STATE_COMPLETED);
      Map<String, ServiceErasure> steps = erasure.getServicesList().stream()
          .collect(Collectors.toMap(ServiceErasure::getService, Function.identity()));
      assertThat(steps.keySet()).containsExactlyInAnyOrder("identity", "billing", "analytics", "disclosure");
      steps.values().forEach(step -> {
        assertThat(step.getState()).as(name + " " + step.getService())
            .isIn(ServiceErasureState.SERVICE_ERASURE_STATE_DONE, ServiceErasureState.SERVICE_ERASURE_STATE_RETAINED);
        assertThat(step.getReceipt().getReceiptId()).isNotEmpty();
      });
      assertThat(erased(steps.get("identity"), "account")).as(name + ": identity erased the one account").isEqualTo(1);
      assertThat(erased(steps.get("billing"), "billing_profile")).as(name + ": billing erased the one profile").isEqualTo(1);
      assertThat(ledger.of("erasure.requested", "erasure", name)).as(name + " erasure.requested").hasSize(1);
      for (String leaf : LEAVES) {
        assertThat(ledger.of("erasure.confirmed", "erasure", name).stream().filter(e -> e.field("service").orElse("").equals(leaf)))
            .as(name + " erasure.confirmed by " + leaf).hasSize(1);
      }
      assertThat(ledger.of("erasure.completed", "erasure", name)).as(name + " erasure.completed").hasSize(1);
      assertThat(erasure.getCompleteLedgerIndex()).isEqualTo(ledger.of("erasure.completed", "erasure", name).get(0).index());
    }
  }

  private static long erased(ServiceErasure step, String kind) {
    return step.getReceipt().getErasedList().stream().filter(i -> i.getKind().equals(kind)).mapToLong(i -> i.getCount()).sum();
  }

  /** The leaves hold no account and no billing profile of any erased subject. */
  static void assertGoneFromLeaves(MixedLoad.Target target, Collection<ErasureLoad.Subject> erased) {
    for (ErasureLoad.Subject subject : erased) {
      assertThat(leafExport(target, "identity", subject)).as("identity records left").isEmpty();
      assertThat(leafExport(target, "billing", subject)).extracting(SubjectRecord::getKind).as("billing records left")
          .doesNotContain("billing_profile");
    }
  }

  private static List<SubjectRecord> leafExport(MixedLoad.Target target, String service, ErasureLoad.Subject subject) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", target.grpcPort(service)).usePlaintext().build();
    try {
      return SubjectDataServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(CallerCredentials.of(target.token("disclosure"), Purpose.SUBJECT_REQUEST))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject.ref()).build()).getRecordsList();
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      return List.of();
    } finally {
      channel.shutdownNow();
    }
  }

  /** How many messages with this subject line went to {@code address}. */
  static long messagesTo(MailCatcher mail, String address, String subjectLine) {
    return mail.messages().stream().filter(m -> isTo(m, address) && subjectLine.equals(subject(m))).count();
  }

  private static boolean isTo(MimeMessage message, String address) {
    try {
      return message.getRecipients(Message.RecipientType.TO) != null
          && Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
