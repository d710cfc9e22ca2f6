package org.custody.platform.session;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.SubjectBinding;

/**
 * Binds calls made for a signed-in person to that person (issue 13 §4): for a method the access
 * policy declares subject-bound, a {@link SubjectBinding#BOUND_CALLERS bound caller} must send
 * the person's session in {@code x-custody-session}, and the session's account must be the
 * account the request names (its own name or the account a resource name lies under).
 * Otherwise PERMISSION_DENIED with reason SESSION_REQUIRED (no header, or a session that is not
 * live) or SUBJECT_MISMATCH (someone else's session, or a request naming no account). While
 * identity cannot answer the call fails UNAVAILABLE (IDENTITY_UNAVAILABLE): never open.
 *
 * <p>Runs after validation, so the subject field is well-formed, and before the handler.
 */
public final class SubjectBindingInterceptor implements ServerInterceptor {
  private final AccessPolicy policy;
  private final SubjectCheck check;

  public SubjectBindingInterceptor(AccessPolicy policy, SubjectCheck check) {
    this.policy = policy;
    this.check = check;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<SubjectBinding> binding = policy.subjectBinding(method);
    if (binding.isEmpty() || !SubjectBinding.BOUND_CALLERS.contains(CallContext.caller())) {
      return next.startCall(call, headers);
    }
    String token = headers.get(SessionHeader.KEY);
    if (!binding.get().checkedByPlatform()) {
      // The service checks the session itself (SubjectCheck.inCall): hand it the header.
      Context context = Context.current().withValue(SubjectCheck.TOKEN, token == null ? "" : token);
      return Contexts.interceptCall(context, call, headers, next);
    }
    String field = binding.get().field().orElseThrow();
    boolean optional = binding.get().optional();
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onMessage(ReqT message) {
        check.check(method, stringAt((Message) message, field), optional, token);
        super.onMessage(message);
      }
    };
  }

  /** The string at a dotted path of singular message fields; "" where any part is unset. */
  public static String stringAt(Message message, String path) {
    Message current = message;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor field = current.getDescriptorForType().findFieldByName(parts[i]);
      if (i == parts.length - 1) {
        return (String) current.getField(field);
      }
      if (!current.hasField(field)) {
        return "";
      }
      current = (Message) current.getField(field);
    }
    return "";
  }

  /**
   * Fails fast when the policy binds a method to a field its request does not have (or that is
   * not a singular string reached through singular messages): a typo would otherwise refuse
   * every call of the method at run time.
   */
  public static void checkFields(AccessPolicy policy, Collection<ServerServiceDefinition> services) {
    List<String> problems = new ArrayList<>();
    for (ServerServiceDefinition service : services) {
      for (var method : service.getMethods()) {
        MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
        Optional<String> field = policy.subjectBinding(descriptor.getFullMethodName()).flatMap(SubjectBinding::field);
        if (field.isEmpty()) {
          continue;
        }
        if (!(descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller)
            || !(marshaller.getMessagePrototype() instanceof Message prototype)
            || !pathExists(prototype.getDescriptorForType(), field.get())) {
          problems.add(descriptor.getFullMethodName() + " / subject: " + field.get());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("access policy of " + policy.service() + " binds methods to fields their requests lack: " + problems);
    }
  }

  /** Whether {@code path} leads through singular message fields of {@code type} to a singular string. */
  public static boolean pathExists(com.google.protobuf.Descriptors.Descriptor type, String path) {
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor field = type.findFieldByName(parts[i]);
      if (field == null || field.isRepeated()) {
        return false;
      }
      if (i == parts.length - 1) {
        return field.getJavaType() == FieldDescriptor.JavaType.STRING;
      }
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        return false;
      }
      type = field.getMessageType();
    }
    return false;
  }
}
