package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.identity.v1.Contact;
import org.custody.proto.identity.v1.ContactSighting;
import org.custody.proto.identity.v1.ContactSource;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.ListContactsRequest;
import org.custody.proto.identity.v1.RecordContactRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Contacts known only by e-mail (P1) over real gRPC against MariaDB. */
@ExtendWith(FreshDatabase.class)
class ContactsApiIT {
  private static IdentityTestServer id;

  @BeforeAll
  static void start(DatabaseSettings database) {
    id = IdentityTestServer.start(database, ServiceRuntime.systemClock());
    id.project("acme");
    id.project("globex");
  }

  @AfterAll
  static void stop() {
    id.close();
  }

  private static IdentityServiceGrpc.IdentityServiceBlockingStub helpdesk() {
    return id.identity(TestCallers.HELPDESK, Purpose.SERVICE_PROVISION);
  }

  private static Timestamp at(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
  }

  private static Contact record(String project, String email, ContactSource source, Instant seen) {
    return helpdesk().recordContact(RecordContactRequest.newBuilder().setParent("projects/" + project).setEmail(email)
        .setSource(source).setSeenTime(at(seen)).build()).getContact();
  }

  @Test
  void P1_oneContactPerNormalisedAddressWithEachSourceAndWhenSeen() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    Contact first = record("acme", "Writer@Example.com", ContactSource.CONTACT_SOURCE_EMAIL, t0);
    record("acme", " writer@example.com ", ContactSource.CONTACT_SOURCE_EMAIL, t0.plusSeconds(60));
    record("acme", "WRITER@example.com", ContactSource.CONTACT_SOURCE_TOPIC, t0.plusSeconds(120));
    Contact last = record("acme", "writer@example.com", ContactSource.CONTACT_SOURCE_EMAIL, t0.minusSeconds(60));

    assertThat(last.getName()).isEqualTo(first.getName());
    assertThat(last.getEmail()).isEqualTo("writer@example.com");
    assertThat(last.getFirstSeenTime()).isEqualTo(at(t0.minusSeconds(60)));
    assertThat(last.getLastSeenTime()).isEqualTo(at(t0.plusSeconds(120)));
    assertThat(last.getSightingsList()).extracting(ContactSighting::getSource)
        .containsExactlyInAnyOrder(ContactSource.CONTACT_SOURCE_EMAIL, ContactSource.CONTACT_SOURCE_TOPIC);
    ContactSighting email = last.getSightingsList().stream().filter(s -> s.getSource() == ContactSource.CONTACT_SOURCE_EMAIL).findFirst().orElseThrow();
    assertThat(email.getFirstSeenTime()).isEqualTo(at(t0.minusSeconds(60)));
    assertThat(email.getLastSeenTime()).isEqualTo(at(t0.plusSeconds(60)));
  }

  @Test
  void P1_recordingTwiceIsIdempotent() {
    Instant seen = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
    Contact once = record("acme", "again@example.com", ContactSource.CONTACT_SOURCE_TOPIC, seen);
    Contact twice = record("acme", "again@example.com", ContactSource.CONTACT_SOURCE_TOPIC, seen);
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void recordContact_withoutSeenTime_usesNow() {
    Contact contact = helpdesk().recordContact(RecordContactRequest.newBuilder().setParent("projects/acme")
        .setEmail("now@example.com").setSource(ContactSource.CONTACT_SOURCE_EMAIL).build()).getContact();
    assertThat(contact.getFirstSeenTime().getSeconds()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
  }

  @Test
  void listContacts_pagesByFirstSightingWithinTheProjectOnly() {
    id.project("listing");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1000);
    record("listing", "c@example.com", ContactSource.CONTACT_SOURCE_EMAIL, t0.plusSeconds(30));
    record("listing", "a@example.com", ContactSource.CONTACT_SOURCE_EMAIL, t0.plusSeconds(10));
    record("listing", "b@example.com", ContactSource.CONTACT_SOURCE_EMAIL, t0.plusSeconds(20));
    record("globex", "z@example.com", ContactSource.CONTACT_SOURCE_EMAIL, t0);
    var operator = id.operator();
    var first = operator.listContacts(ListContactsRequest.newBuilder().setParent("projects/listing").setPageSize(2).build());
    var second = operator.listContacts(ListContactsRequest.newBuilder().setParent("projects/listing").setPageSize(2)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(first.getContactsList()).extracting(Contact::getEmail).containsExactly("a@example.com", "b@example.com");
    assertThat(second.getContactsList()).extracting(Contact::getEmail).containsExactly("c@example.com");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void recordContact_badInput_isFieldViolations() {
    assertThatThrownBy(() -> helpdesk().recordContact(RecordContactRequest.newBuilder().setParent("projects/acme")
        .setEmail("nobody").setSource(ContactSource.CONTACT_SOURCE_UNSPECIFIED).build()))
        .satisfies(t -> assertThat(ErrorDetails.of((StatusRuntimeException) t).violatedFields()).contains("email", "source"));
    assertThatThrownBy(() -> helpdesk().recordContact(RecordContactRequest.newBuilder().setParent("projects/acme")
        .setEmail("future@example.com").setSource(ContactSource.CONTACT_SOURCE_EMAIL).setSeenTime(at(Instant.now().plusSeconds(3600))).build()))
        .satisfies(t -> assertThat(ErrorDetails.of((StatusRuntimeException) t).violatedFields()).contains("seen_time"));
  }

  @Test
  void recordContact_unknownProject_isNotFound() {
    assertThatThrownBy(() -> helpdesk().recordContact(RecordContactRequest.newBuilder().setParent("projects/nowhere")
        .setEmail("x@example.com").setSource(ContactSource.CONTACT_SOURCE_EMAIL).build()))
        .satisfies(t -> assertThat(((StatusRuntimeException) t).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }
}
