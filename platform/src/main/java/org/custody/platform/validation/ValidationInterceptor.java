package org.custody.platform.validation;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * Checks every incoming message against the protovalidate rules declared in the contracts, so
 * handlers only ever see structurally valid requests. Failures become INVALID_ARGUMENT with one
 * BadRequest field violation per broken rule (reason INVALID_FIELD); the messages name the rule,
 * never the offending value.
 */
public final class ValidationInterceptor implements ServerInterceptor {
  private final Validator validator = ValidatorFactory.newBuilder().build();

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onMessage(ReqT message) {
        if (message instanceof Message proto) {
          check(proto);
        }
        super.onMessage(message);
      }
    };
  }

  /** Throws a {@link DomainException} when the message breaks a rule. */
  public void check(Message message) {
    ValidationResult result;
    try {
      result = validator.validate(message);
    } catch (ValidationException e) {
      throw new IllegalStateException("validation rules of " + message.getDescriptorForType().getFullName() + " do not compile", e);
    } catch (DateTimeException e) {
      // Found by fuzzing: protovalidate turns a Timestamp into an Instant before checking its
      // rules, and seconds beyond the year 1e9 threw here (INTERNAL) instead of being refused.
      throw DomainException.invalid("INVALID_FIELD",
          List.of(new FieldViolation("request", "a timestamp is outside the range of time it can hold")));
    }
    if (result.isSuccess()) {
      return;
    }
    List<FieldViolation> violations = new ArrayList<>();
    for (build.buf.protovalidate.Violation violation : result.getViolations()) {
      build.buf.validate.Violation proto = violation.toProto();
      violations.add(new FieldViolation(path(proto.getField()), proto.getMessage().isEmpty() ? proto.getRuleId() : proto.getMessage()));
    }
    throw DomainException.invalid("INVALID_FIELD", violations);
  }

  static String path(FieldPath path) {
    StringBuilder sb = new StringBuilder();
    for (FieldPathElement element : path.getElementsList()) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(element.getFieldName());
      switch (element.getSubscriptCase()) {
        case INDEX -> sb.append('[').append(element.getIndex()).append(']');
        case STRING_KEY -> sb.append("[\"").append(element.getStringKey()).append("\"]");
        case INT_KEY -> sb.append('[').append(element.getIntKey()).append(']');
        case UINT_KEY -> sb.append('[').append(element.getUintKey()).append(']');
        case BOOL_KEY -> sb.append('[').append(element.getBoolKey()).append(']');
        default -> { }
      }
    }
    return sb.length() == 0 ? "request" : sb.toString();
  }
}
