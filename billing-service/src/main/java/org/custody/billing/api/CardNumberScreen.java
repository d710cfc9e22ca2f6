package org.custody.billing.api;

import build.buf.validate.FieldRules;
import build.buf.validate.ValidateProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custody.billing.screening.CardNumbers;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses any request of billing's services whose text fields, at any depth, hold a payment card
 * number (P3): INVALID_ARGUMENT, reason CARD_NUMBER_NOT_ACCEPTED, one field violation per field.
 * It runs before the handler, so such a value never reaches a store, an idempotency record or a
 * log; the log line and the violations name the fields, never the value.
 *
 * <p>Unknown fields (numbers this contract version does not define) are screened as text and
 * named by their number.
 *
 * <p>Fields the contract declares UUIDs ({@code request_id}) are screened for contiguous runs
 * only: their dashes are structure, and joining across them would refuse about one random UUID
 * in 350.
 */
public final class CardNumberScreen implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(CardNumberScreen.class);
  static final String REASON = "CARD_NUMBER_NOT_ACCEPTED";
  private static final String DESCRIPTION = "looks like a payment card number; card numbers are not accepted, send the processor's token";

  private final Runnable onRefusal;

  /** @param onRefusal called once per refused request (the refusal counter) */
  public CardNumberScreen(Runnable onRefusal) {
    this.onRefusal = onRefusal;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onMessage(ReqT message) {
        if (message instanceof Message proto) {
          List<String> fields = fieldsWithCardNumbers(proto);
          if (!fields.isEmpty()) {
            onRefusal.run();
            log.warn("refused a request carrying a card number method={} fields={}", call.getMethodDescriptor().getFullMethodName(), fields);
            throw DomainException.invalid(REASON, fields.stream().map(f -> new FieldViolation(f, DESCRIPTION)).toList());
          }
        }
        super.onMessage(message);
      }
    };
  }

  /** The paths of the text fields holding a card number, e.g. {@code billing_profile.address.address_lines[0]}. */
  static List<String> fieldsWithCardNumbers(Message message) {
    List<String> found = new ArrayList<>();
    scan(message, "", found);
    return found;
  }

  private static void scan(Message message, String prefix, List<String> found) {
    // Fields this contract version does not know are parsed but kept: look at them as text too.
    for (Map.Entry<Integer, UnknownFieldSet.Field> unknown : message.getUnknownFields().asMap().entrySet()) {
      for (ByteString bytes : unknown.getValue().getLengthDelimitedList()) {
        if (CardNumbers.containsCardNumber(bytes.toString(StandardCharsets.UTF_8))) {
          found.add(prefix + unknown.getKey());
        }
      }
    }
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String path = prefix + field.getName();
      if (field.isRepeated()) {
        List<?> values = (List<?>) entry.getValue();
        for (int i = 0; i < values.size(); i++) {
          check(field, values.get(i), path + "[" + i + "]", found);
        }
      } else {
        check(field, entry.getValue(), path, found);
      }
    }
  }

  private static void check(FieldDescriptor field, Object value, String path, List<String> found) {
    if (value instanceof String text) {
      boolean hit = isUuid(field) ? CardNumbers.containsContiguousCardNumber(text) : CardNumbers.containsCardNumber(text);
      if (hit) {
        found.add(path);
      }
    } else if (value instanceof Message nested) {
      scan(nested, path + ".", found);
    }
  }

  private static boolean isUuid(FieldDescriptor field) {
    if (!field.getOptions().hasExtension(ValidateProto.field)) {
      return false;
    }
    FieldRules rules = field.getOptions().getExtension(ValidateProto.field);
    return rules.hasString() && rules.getString().getUuid();
  }
}
