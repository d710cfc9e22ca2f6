package org.custody.platform.staffaccess;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.CallContext;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;

/**
 * Makes staff reads visible to their subject (issue 13 §5): when a {@link AccessPolicy#STAFF_CALLERS
 * staff caller} calls a method the access policy marks {@code staff_access: <field>}, the read
 * is recorded in the ledger (account named by the field, caller, method, purpose, the data
 * categories the method returns) before the handler runs; if it cannot be recorded the call is
 * refused and nothing is read. A read that then fails (say NOT_FOUND) stays recorded: it was
 * an attempt to look at that person's data.
 *
 * <p>Runs after validation and the subject binding, last before the handler.
 */
public final class StaffAccessInterceptor implements ServerInterceptor {
  private final AccessPolicy policy;
  private final StaffAccessLog log;
  private final Map<String, Set<DataCategory>> categories;
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer recordTime;

  public StaffAccessInterceptor(AccessPolicy policy, StaffAccessLog log, Collection<ServerServiceDefinition> services, MeterRegistry registry) {
    this.policy = policy;
    this.log = log;
    this.registry = registry;
    this.categories = categoriesOf(policy, services);
    this.recordTime = Timer.builder("custody_staff_access_record_seconds")
        .description("Time a staff read waits for its access entry to be recorded in the ledger")
        .publishPercentileHistogram()
        .register(registry);
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<String> field = policy.staffAccessField(method);
    String caller = CallContext.caller();
    if (field.isEmpty() || !AccessPolicy.STAFF_CALLERS.contains(caller)) {
      return next.startCall(call, headers);
    }
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onMessage(ReqT message) {
        record(method, caller, field.get(), (Message) message);
        super.onMessage(message);
      }
    };
  }

  private void record(String method, String caller, String field, Message request) {
    Optional<StaffAccess> access = StaffAccessSubject.of(request, field, caller, method, CallContext.purpose(), categories.get(method));
    if (access.isEmpty()) {
      count(method, "NO_SUBJECT");
      throw DomainException.invalidField(field, "must name the subject (an account, a resource under it, or a subject reference)");
    }
    long start = System.nanoTime();
    try {
      log.record(access.get());
    } catch (DomainException e) {
      count(method, "UNRECORDED");
      throw e;
    }
    recordTime.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    count(method, "RECORDED");
  }

  private void count(String method, String outcome) {
    counters.computeIfAbsent(method + '\n' + outcome, k -> Counter.builder("custody_staff_access_records")
        .description("Staff reads of one subject's personal data, by method and whether their access entry was recorded")
        .tag("method", method)
        .tag("outcome", outcome)
        .register(registry)).increment();
  }

  /**
   * Each marked method's response categories; fails fast when the policy marks a method whose
   * request lacks the field, or whose response carries no classified personal data (a typo, or a
   * method that is not a read of personal data).
   */
  public static Map<String, Set<DataCategory>> categoriesOf(AccessPolicy policy, Collection<ServerServiceDefinition> services) {
    Map<String, Set<DataCategory>> found = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (ServerServiceDefinition service : services) {
      for (var method : service.getMethods()) {
        MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
        Optional<String> field = policy.staffAccessField(descriptor.getFullMethodName());
        if (field.isEmpty()) {
          continue;
        }
        Optional<Descriptor> request = messageType(descriptor.getRequestMarshaller());
        Optional<Descriptor> response = messageType(descriptor.getResponseMarshaller());
        Set<DataCategory> returned = response.map(ResponseCategories::of).orElse(Set.of());
        if (request.isEmpty() || !StaffAccessSubject.pathExists(request.get(), field.get()) || returned.isEmpty()) {
          problems.add(descriptor.getFullMethodName() + " / staff_access: " + field.get());
        } else {
          found.put(descriptor.getFullMethodName(), returned);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("access policy of " + policy.service()
          + " records staff reads of methods whose requests lack the field or whose responses hold no personal data: " + problems);
    }
    return Map.copyOf(found);
  }

  private static Optional<Descriptor> messageType(MethodDescriptor.Marshaller<?> marshaller) {
    if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> prototype && prototype.getMessagePrototype() instanceof Message message) {
      return Optional.of(message.getDescriptorForType());
    }
    return Optional.empty();
  }
}
