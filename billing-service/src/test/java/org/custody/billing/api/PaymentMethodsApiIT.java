package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createCard;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.custody.billing.testing.BillingTestServer;
import org.custody.billing.testing.DatabaseScan;
import org.custody.billing.testing.Requests;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.DeletePaymentMethodRequest;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.billing.v1.ListPaymentMethodsRequest;
import org.custody.proto.billing.v1.PaymentMethod;
import org.custody.proto.billing.v1.SetDefaultPaymentMethodRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class PaymentMethodsApiIT {
  private static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");
  private static BillingTestServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingTestServer.start(database, new MutableClock(NOW));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static ErrorDetails failure(Consumer<BillingServiceGrpc.BillingServiceBlockingStub> call) {
    return ErrorDetails.ofFailure(() -> call.accept(server.frontend()));
  }

  private static List<PaymentMethod> list(String accountId) {
    return server.frontend().listPaymentMethods(ListPaymentMethodsRequest.newBuilder().setParent(account(accountId)).build())
        .getPaymentMethodsList();
  }

  private static boolean standing(String accountId) {
    return server.frontend(Purpose.SERVICE_PROVISION)
        .getPaymentStanding(GetPaymentStandingRequest.newBuilder().setAccount(account(accountId)).build()).getHasValidPaymentMethod();
  }

  @Test
  void P3_createPaymentMethod_keepsOnlyBrandLastFourExpiryAndASealedToken() throws Exception {
    PaymentMethod created = server.frontend().createPaymentMethod(createCard("m1", "4242", 12, 2030, true)).getPaymentMethod();
    assertThat(created.getLast4()).isEqualTo("4242");
    assertThat(created.getIsDefault()).isTrue();
    assertThat(created.toString()).doesNotContain("secret_token");
    assertThat(list("m1")).containsExactly(created);
    try (Connection db = server.jdbc()) {
      assertThat(DatabaseCells.containing(db, "pm_4242_secret_token")).isEmpty();
    }
    assertThat(standing("m1")).isTrue();
  }

  @Test
  void createPaymentMethod_retryWithTheSameRequestId_storesOneCard() {
    CreatePaymentMethodRequest request = createCard("m2", "1111", 12, 2030, false).toBuilder().setRequestId(Requests.requestId()).build();
    PaymentMethod first = server.frontend().createPaymentMethod(request).getPaymentMethod();
    assertThat(server.frontend().createPaymentMethod(request).getPaymentMethod()).isEqualTo(first);
    assertThat(list("m2")).hasSize(1);
    ErrorDetails reused = failure(s -> s.createPaymentMethod(request.toBuilder().setLast4("2222").build()));
    assertThat(reused.reason()).isEqualTo("REQUEST_ID_REUSED");
  }

  @Test
  void createPaymentMethod_badExpiry_isAFieldViolation() {
    assertThat(failure(s -> s.createPaymentMethod(createCard("m3", "1111", 13, 2030, false))).violatedFields())
        .containsExactly("exp_month");
    assertThat(failure(s -> s.createPaymentMethod(createCard("m3", "1111", 1, 2026, false))).violatedFields())
        .containsExactly("exp_year", "exp_month");
    assertThat(failure(s -> s.createPaymentMethod(createCard("m3", "11a1", 1, 2030, false))).violatedFields())
        .containsExactly("last4");
    assertThat(list("m3")).isEmpty();
  }

  @Test
  void setDefaultPaymentMethod_expiredCard_isRefused() {
    PaymentMethod card = server.frontend().createPaymentMethod(createCard("m4", "1111", 3, 2026, false)).getPaymentMethod();
    server.clock.set(Instant.parse("2026-04-01T00:00:00Z"));
    try {
      ErrorDetails error = failure(s -> s.setDefaultPaymentMethod(SetDefaultPaymentMethodRequest.newBuilder().setName(card.getName()).build()));
      assertThat(error.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(error.reason()).isEqualTo("CARD_EXPIRED");
    } finally {
      server.clock.set(NOW);
    }
  }

  @Test
  void setDefaultPaymentMethod_concurrentChanges_leaveExactlyOneDefault() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      names.add(server.frontend().createPaymentMethod(createCard("m5", String.format("%04d", i), 12, 2030, i == 0))
          .getPaymentMethod().getName());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (String name : names) {
          calls.add(pool.submit(() -> {
            go.await();
            return server.frontend().setDefaultPaymentMethod(SetDefaultPaymentMethodRequest.newBuilder().setName(name).build());
          }));
        }
        go.countDown();
        for (Future<?> call : calls) {
          call.get(30, TimeUnit.SECONDS);
        }
        assertThat(list("m5")).filteredOn(PaymentMethod::getIsDefault).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection db = server.jdbc()) {
      assertThat(DatabaseScan.count(db, "default_payment_methods")).isEqualTo(1);
    }
  }

  @Test
  void deletePaymentMethod_theDefault_leavesTheAccountWithoutStanding() {
    PaymentMethod card = server.frontend().createPaymentMethod(createCard("m6", "1111", 12, 2030, true)).getPaymentMethod();
    assertThat(standing("m6")).isTrue();
    server.frontend().deletePaymentMethod(DeletePaymentMethodRequest.newBuilder().setName(card.getName()).build());
    assertThat(standing("m6")).isFalse();
    assertThat(failure(s -> s.deletePaymentMethod(DeletePaymentMethodRequest.newBuilder().setName(card.getName()).build())).reason())
        .isEqualTo("PAYMENT_METHOD_NOT_FOUND");
  }

  @Test
  void P6_serviceProvision_readsOnlyTheStanding() {
    var provision = server.frontend(Purpose.SERVICE_PROVISION);
    try {
      provision.listPaymentMethods(ListPaymentMethodsRequest.newBuilder().setParent(account("m7")).build());
      throw new AssertionError("listing payment methods for service provision succeeded");
    } catch (StatusRuntimeException e) {
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_NOT_ALLOWED");
    }
    assertThat(standing("m7")).isFalse();
  }
}
