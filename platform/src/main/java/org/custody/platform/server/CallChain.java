package org.custody.platform.server;

import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.access.AccessControlInterceptor;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.CallerAuthenticator;
import org.custody.platform.errors.ErrorMappingInterceptor;
import org.custody.platform.errors.ErrorStatus;
import org.custody.platform.screening.CardNumberScreen;
import org.custody.platform.screening.EmailAddressScreen;
import org.custody.platform.session.SubjectBindingInterceptor;
import org.custody.platform.session.SubjectCheck;
import org.custody.platform.staffaccess.StaffAccessInterceptor;
import org.custody.platform.staffaccess.StaffAccessLog;
import org.custody.platform.validation.ValidationInterceptor;

/**
 * The checks every call to a service's own methods passes, in this order: error mapping wraps
 * access control (a caller without credentials hears UNAUTHENTICATED even while the database is
 * down), which wraps the database gate, which wraps the decoding guard (an undecodable request is
 * refused with its caller known); inside it the card-number and e-mail screens (a card number is
 * refused as such, whatever rule it also breaks), then validation, then the subject binding
 * (which needs a well-formed request), and last, right before the handler, the staff-access
 * record (a staff read is recorded only once the request passed everything else).
 */
final class CallChain {
  private final ErrorMappingInterceptor errorMapping;
  private final AccessControlInterceptor accessControl;
  private final DatabaseGate gate;
  private final MalformedRequestGuard malformed;
  /** Listed innermost first: ServerInterceptors runs the last one listed first. */
  private final List<ServerInterceptor> inner = new ArrayList<>();

  /**
   * @param subjectCheck null when the policy binds no method to its subject
   * @param staffAccess null when the policy records no staff read
   */
  CallChain(AccessPolicy policy, ErrorStatus errors, MeterRegistry registry, CallerAuthenticator authenticator, DatabaseGate gate,
      SubjectCheck subjectCheck, StaffAccessLog staffAccess, List<ServerServiceDefinition> services) {
    this.errorMapping = new ErrorMappingInterceptor(errors);
    this.accessControl = new AccessControlInterceptor(authenticator, policy, errors, registry);
    this.gate = gate;
    this.malformed = new MalformedRequestGuard(errors);
    if (policy.recordsStaffAccess()) {
      inner.add(new StaffAccessInterceptor(policy, staffAccess, services, registry));
    }
    if (subjectCheck != null) {
      inner.add(new SubjectBindingInterceptor(policy, subjectCheck));
    }
    inner.addAll(List.of(new ValidationInterceptor(), new EmailAddressScreen(registry), new CardNumberScreen(registry)));
  }

  /** The service with every check in front of its methods. */
  ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServerServiceDefinition guarded = malformed.guard(ServerInterceptors.intercept(service, inner));
    return ServerInterceptors.intercept(guarded, gate, accessControl, errorMapping);
  }
}
