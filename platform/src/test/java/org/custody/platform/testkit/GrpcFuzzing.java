package org.custody.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;

/**
 * Feeds fuzzer-chosen requests to every method of a running service (real TCP, the production
 * interceptor chain, a real database) and checks what a hostile caller may expect: every answer
 * is OK or a documented code with exactly one ErrorInfo, never {@code UNKNOWN} or
 * {@code INTERNAL}; the service stays SERVING; and a request refused as {@code INVALID_ARGUMENT}
 * leaves every table's row count as it was.
 *
 * <p>Two ways in: {@link #raw} sends the fuzzer's bytes as the request of a method it picks (the
 * decoder's side); {@link #structured} builds a request of the method's type field by field from
 * the descriptors (strings drawn partly from resource-name shapes), so the validators and domain
 * rules are reached. The caller and purpose are drawn from what the access policy allows for the
 * method, or now and then a caller it does not name. {@link #request} is the one fuzz target of a
 * service: its input's last byte picks one of the two ways, so one fuzzing run (one JVM, which is
 * all Jazzer allows) covers both.
 *
 * <p>While fuzzing, Jazzer's SSRF detector treats every socket connection as a finding, ours to the
 * database and to the service included: {@link #request} allows loopback and nothing else.
 */
public final class GrpcFuzzing {
  private static final Set<Status.Code> DOCUMENTED = Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
      Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
      Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE);
  private static final List<String> SHAPES = List.of("", "projects/fuzz", "projects/fuzz/accounts/", "projects/fuzz/contacts/",
      "projects/fuzz/sessions/", "projects/fuzz/billingProfiles/", "projects/fuzz/surveys/", "recipients/", "consents/",
      "disclosures/", "policies/", "exports/", "erasures/", "jane@example.com", "PURPOSE_BILLING", "2026-06-15",
      "https://acme.example/a/b?c=d", "/pricing", "00000000-0000-4000-8000-000000000000", "..", "\u0000", "é", "💥");

  /**
   * Above what a fuzzing run counts when it stops on its first input (JUnit's replay of the
   * corpus, 16 inputs and the empty one, then one), below 30 s of fuzzing on a saturated 2-core
   * machine (disclosure, the slowest there, counted 93). Raise it with the corpus.
   */
  public static final long MIN_FUZZED_EXECUTIONS = 40;
  private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();

  private final ServiceHarness harness;
  private final AccessPolicy policy;
  private final List<Target> targets = new ArrayList<>();
  private final DatabaseSettings database;
  private final AtomicLong executions = new AtomicLong();
  private Connection counting;
  private String countAllRows;

  private record Target(String fullName, MethodType type, Descriptor input) {}

  private GrpcFuzzing(ServiceHarness harness, AccessPolicy policy, DatabaseSettings database, List<io.grpc.ServiceDescriptor> services) {
    this.harness = harness;
    this.policy = policy;
    this.database = database;
    for (io.grpc.ServiceDescriptor service : services) {
      ServiceDescriptor proto = ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
      for (MethodDescriptor method : proto.getMethods()) {
        MethodType type = method.isClientStreaming()
            ? (method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING)
            : (method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY);
        targets.add(new Target(proto.getFullName() + "/" + method.getName(), type, method.getInputType()));
      }
    }
  }

  /** @param database the service's database, whose row counts a refused call must not change */
  public static GrpcFuzzing of(ServiceHarness harness, AccessPolicy policy, DatabaseSettings database, io.grpc.ServiceDescriptor... services) {
    return new GrpcFuzzing(harness, policy, database, List.of(services));
  }

  /** Raw bytes or a structured request, as the input's last byte says. */
  public void request(FuzzedDataProvider data) {
    // Set on every execution: Jazzer denies all connections once the fuzz target is ready.
    BugDetectors.allowNetworkConnections(GrpcFuzzing::isLoopback);
    executions.incrementAndGet();
    if (data.consumeBoolean()) {
      structured(data);
    } else {
      raw(data);
    }
  }

  /** Inputs run through {@link #request}: the corpus, plus what the fuzzer made when fuzzing. */
  public long executions() {
    return executions.get();
  }

  /**
   * Ends the run: closes the row-counting connection and, in a fuzzing run ({@code JAZZER_FUZZ}
   * set), fails unless the fuzzer ran more than {@value #MIN_FUZZED_EXECUTIONS} inputs, so that a run
   * that quietly stopped after its first input (as jazzer-junit does when a sanitizer's finding
   * leaks into the run) fails the build instead of passing it.
   */
  public void close() {
    try {
      if (counting != null) {
        counting.close();
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot close the row-counting connection", e);
    }
    if (FUZZING) {
      assertThat(executions()).as("inputs fuzzed").isGreaterThan(MIN_FUZZED_EXECUTIONS);
    }
  }

  /** The fuzzer's bytes as the request of a method it picks. */
  public void raw(FuzzedDataProvider data) {
    Target target = data.pickValue(targets);
    Metadata headers = headers(target, data);
    call(target, headers, data.consumeRemainingAsBytes());
  }

  /** A request of the picked method's type, built field by field. */
  public void structured(FuzzedDataProvider data) {
    Target target = data.pickValue(targets);
    Metadata headers = headers(target, data);
    call(target, headers, build(target.input(), data, 3).toByteArray());
  }

  private void call(Target target, Metadata headers, byte[] request) {
    long rowsBefore = rows();
    RawCalls.Outcome outcome = RawCalls.call(harness.channel(), target.fullName(), target.type(), headers, List.of(request), null);
    Status.Code code = outcome.status().getCode();
    assertThat(code).as("%s answered %s", target.fullName(), outcome.status()).isIn(DOCUMENTED);
    if (code != Status.Code.OK) {
      assertThat(outcome.details().errorInfos()).as("%s: the ErrorInfo of %s", target.fullName(), outcome.status()).hasSize(1);
    }
    if (code == Status.Code.INVALID_ARGUMENT) {
      assertThat(rows()).as("%s: rows after a refused call", target.fullName()).isEqualTo(rowsBefore);
    }
    assertThat(harness.health()).isEqualTo(ServingStatus.SERVING);
  }

  private Metadata headers(Target target, FuzzedDataProvider data) {
    List<Map.Entry<String, Purpose>> allowed = new ArrayList<>();
    policy.rulesFor(target.fullName()).forEach((caller, purposes) -> purposes.forEach(p -> allowed.add(Map.entry(caller, p))));
    allowed.sort(Map.Entry.<String, Purpose>comparingByKey().thenComparing(Map.Entry::getValue));
    int pick = data.consumeInt(0, allowed.size());
    if (pick == allowed.size()) {
      return RawCalls.headers(TestCallers.STRANGER, Purpose.SERVICE_PROVISION);
    }
    return RawCalls.headers(allowed.get(pick).getKey(), allowed.get(pick).getValue());
  }

  private static Message build(Descriptor type, FuzzedDataProvider data, int depth) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    List<FieldDescriptor> fields = type.getFields();
    if (fields.isEmpty()) {
      return builder.build();
    }
    int count = data.consumeInt(0, Math.min(8, fields.size() + 2));
    for (int i = 0; i < count; i++) {
      FieldDescriptor field = data.pickValue(fields);
      Object value = value(field, data, depth);
      if (value == null) {
        continue;
      }
      if (field.isRepeated()) {
        builder.addRepeatedField(field, value);
      } else {
        builder.setField(field, value);
      }
    }
    return builder.build();
  }

  private static Object value(FieldDescriptor field, FuzzedDataProvider data, int depth) {
    return switch (field.getJavaType()) {
      case INT -> data.consumeBoolean() ? data.consumeInt(-2, 1200) : data.consumeInt();
      case LONG -> data.consumeLong();
      case FLOAT -> data.consumeFloat();
      case DOUBLE -> data.consumeBoolean() ? data.consumeRegularDouble(0, 20) : data.consumeDouble();
      case BOOLEAN -> data.consumeBoolean();
      case STRING -> data.pickValue(SHAPES) + data.consumeString(40);
      case BYTE_STRING -> ByteString.copyFrom(data.consumeBytes(48));
      case ENUM -> data.pickValue(field.getEnumType().getValues());
      case MESSAGE -> depth > 0 ? build(field.getMessageType(), data, depth - 1) : null;
    };
  }

  private static boolean isLoopback(String host, int port) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Rows in every table of the service's database (one connection and one query kept: a fuzzer calls this a lot). */
  private long rows() {
    try {
      if (counting == null || !counting.isValid(1)) {
        counting = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
      }
      try (Statement statement = counting.createStatement()) {
        if (countAllRows == null) {
          countAllRows = countAllRowsQuery(statement);
        }
        try (ResultSet rs = statement.executeQuery(countAllRows)) {
          rs.next();
          return rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot count rows", e);
    }
  }

  /** The sum of every base table's row count (the schema is migrated before the first call). */
  private static String countAllRowsQuery(Statement statement) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT 0");
    try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
        + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
      while (rs.next()) {
        sql.append(" + (SELECT COUNT(*) FROM `").append(rs.getString(1).replace("`", "``")).append("`)");
      }
    }
    return sql.toString();
  }
}
