package org.custody.platform.screening;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;
import org.custody.proto.common.v1.CardNumberHandling;
import org.custody.proto.common.v1.ClassificationProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses any request whose string fields, at any depth (nested, repeated, map keys and values,
 * and fields this contract version does not know), hold a payment card number (P3):
 * INVALID_ARGUMENT, reason {@code CARD_NUMBER_NOT_ACCEPTED}, one field violation per field. Every
 * service runs it (see ServiceServer) before validation and the handler, so such a value never
 * reaches a store, an idempotency record or a log; the log line and the violations name the
 * fields, never the value.
 *
 * <p>Fields whose contract sets {@code (custody.common.v1.card_numbers)} are the exceptions:
 * processor tokens (network tokens look like card numbers), and fields whose service redacts
 * card numbers itself (analytics page views: one visitor's URL must not fail a batch).
 */
public final class CardNumberScreen implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(CardNumberScreen.class);
  public static final String REASON = "CARD_NUMBER_NOT_ACCEPTED";
  static final String DESCRIPTION = "looks like a payment card number; card numbers are not accepted here";

  private final MeterRegistry registry;

  public CardNumberScreen(MeterRegistry registry) {
    this.registry = registry;
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
            String method = call.getMethodDescriptor().getFullMethodName();
            refusals(method).increment();
            log.warn("refused a request carrying a card number method={} fields={}", method, fields);
            throw DomainException.invalid(REASON, fields.stream().map(f -> new FieldViolation(f, DESCRIPTION)).toList());
          }
        }
        super.onMessage(message);
      }
    };
  }

  private Counter refusals(String method) {
    return Counter.builder("custody_card_numbers_refused")
        .description("Requests refused because a string field held a payment card number")
        .tag("method", method)
        .register(registry);
  }

  /** The paths of the string fields holding a card number, e.g. {@code billing_profile.address.address_lines[0]}. */
  public static List<String> fieldsWithCardNumbers(Message message) {
    List<String> found = new ArrayList<>();
    scan(message, "", found);
    return found;
  }

  private static void scan(Message message, String prefix, List<String> found) {
    // Fields this contract version does not know are parsed but kept: read them as text too.
    scanUnknown(message.getUnknownFields(), prefix, found);
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (exempt(field)) {
        continue;
      }
      String path = prefix + field.getName();
      if (field.isMapField()) {
        List<?> entries = (List<?>) entry.getValue();
        for (int i = 0; i < entries.size(); i++) {
          scanMapEntry((Message) entries.get(i), path, i, found);
        }
      } else if (field.isRepeated()) {
        List<?> values = (List<?>) entry.getValue();
        for (int i = 0; i < values.size(); i++) {
          check(values.get(i), path + "[" + i + "]", found);
        }
      } else {
        check(entry.getValue(), path, found);
      }
    }
  }

  /**
   * A map entry is named by its position ({@code labels[#2]}) when its key is a string: the key
   * may itself be the offender, or personal, and paths are logged.
   */
  private static void scanMapEntry(Message entry, String path, int index, List<String> found) {
    FieldDescriptor keyField = entry.getDescriptorForType().findFieldByNumber(1);
    FieldDescriptor valueField = entry.getDescriptorForType().findFieldByNumber(2);
    Object key = entry.getField(keyField);
    String entryPath = path + (key instanceof String ? "[#" + index + "]" : "[" + key + "]");
    if (key instanceof String text && CardNumbers.containsCardNumber(text)) {
      found.add(entryPath);
      return;
    }
    if (!exempt(valueField)) {
      check(entry.getField(valueField), entryPath, found);
    }
  }

  private static void scanUnknown(UnknownFieldSet unknown, String prefix, List<String> found) {
    for (Map.Entry<Integer, UnknownFieldSet.Field> field : unknown.asMap().entrySet()) {
      String path = prefix + field.getKey();
      boolean hit = false;
      for (ByteString bytes : field.getValue().getLengthDelimitedList()) {
        hit |= CardNumbers.containsCardNumber(bytes.toString(StandardCharsets.UTF_8));
      }
      if (hit) {
        found.add(path);
      }
      for (UnknownFieldSet group : field.getValue().getGroupList()) {
        scanUnknown(group, path + ".", found);
      }
    }
  }

  private static void check(Object value, String path, List<String> found) {
    if (value instanceof String text) {
      if (CardNumbers.containsCardNumber(text)) {
        found.add(path);
      }
    } else if (value instanceof Message nested) {
      scan(nested, path + ".", found);
    }
  }

  private static boolean exempt(FieldDescriptor field) {
    return field.getOptions().hasExtension(ClassificationProto.cardNumbers)
        && field.getOptions().getExtension(ClassificationProto.cardNumbers) != CardNumberHandling.CARD_NUMBER_HANDLING_UNSPECIFIED;
  }
}
