package org.custody.platform.idempotency;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custody.proto.FieldClassification;
import org.custody.proto.common.v1.DataCategory;

/**
 * Fingerprints of requests, to recognise a retry (same fingerprint) and refuse a reused
 * {@code request_id} (different fingerprint) without keeping the request.
 *
 * <p>Requests carry personal data, and a plain fast hash of it can be reversed by guessing (an
 * e-mail address, an IP address, a password from a list). So a fingerprint is HMAC-SHA-256 under
 * a secret of the service, and fields classified {@code DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS}
 * (passwords, session tokens) are left out before hashing, at any depth: no fast function of a
 * credential is ever stored. Two requests that differ only in a credential therefore have the
 * same fingerprint.
 */
public final class RequestFingerprints {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Map<Descriptor, Boolean> HOLDS_CREDENTIALS = new ConcurrentHashMap<>();

  private final SecretKeySpec key;
  /** A keyed MAC per thread: looking up the provider and keying a fresh one showed in request profiles. */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /** @param key at least 32 bytes, the same on every instance of the service */
  public RequestFingerprints(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a fingerprint key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** 32 bytes: HMAC-SHA-256 of the deterministic serialisation of the request without its credentials. */
  public byte[] of(Message request) {
    Message hashed = withoutCredentials(request);
    byte[] serialised = new byte[hashed.getSerializedSize()];
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(serialised);
      out.useDeterministicSerialization();
      hashed.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return macs.get().doFinal(serialised); // doFinal leaves the MAC keyed and reset for the next request
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message with every credential field cleared, at any depth; the message itself when it has none. */
  static Message withoutCredentials(Message message) {
    if (!holdsCredentials(message.getDescriptorForType())) {
      return message;
    }
    Message.Builder b = message.toBuilder();
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (isCredential(field, message)) {
        b.clearField(field);
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (field.isRepeated()) {
          List<?> items = (List<?>) entry.getValue();
          for (int i = 0; i < items.size(); i++) {
            b.setRepeatedField(field, i, withoutCredentials((Message) items.get(i)));
          }
        } else {
          b.setField(field, withoutCredentials((Message) entry.getValue()));
        }
      }
    }
    return b.build();
  }

  private static boolean isCredential(FieldDescriptor field, Message owner) {
    FieldClassification classification = FieldClassification.of(field);
    if (classification.category().filter(DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS::equals).isPresent()) {
      return true;
    }
    Optional<FieldDescriptor> labelField = classification.categoryFrom()
        .map(sibling -> owner.getDescriptorForType().findFieldByName(sibling));
    return labelField.filter(f -> f.getJavaType() == FieldDescriptor.JavaType.ENUM)
        .map(f -> ((EnumValueDescriptor) owner.getField(f)).getNumber()
            == DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS.getNumber())
        .orElse(false);
  }

  /** Whether a message of this type can hold a credential anywhere inside (cached per type). */
  private static boolean holdsCredentials(Descriptor type) {
    Boolean known = HOLDS_CREDENTIALS.get(type);
    if (known != null) {
      return known;
    }
    boolean holds = reachesCredential(type, new HashSet<>());
    HOLDS_CREDENTIALS.put(type, holds);
    return holds;
  }

  private static boolean reachesCredential(Descriptor type, Set<Descriptor> seen) {
    if (!seen.add(type)) {
      return false;
    }
    for (FieldDescriptor field : type.getFields()) {
      FieldClassification classification = FieldClassification.of(field);
      if (classification.category().filter(DataCategory.DATA_CATEGORY_USER_AUTHORIZATION_CREDENTIALS::equals).isPresent()
          || classification.categoryFrom().isPresent()) {
        return true;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && reachesCredential(field.getMessageType(), seen)) {
        return true;
      }
    }
    return false;
  }
}
