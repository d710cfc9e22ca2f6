package org.custody.platform.api;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.custody.platform.access.CallContext;
import org.custody.platform.errors.DomainException;

/**
 * Page tokens (AIP-158), sealed: a token carries the store's cursor (the last row returned, an
 * offset) encrypted and authenticated with AES-256-GCM under a key derived from the service's
 * secret, and bound, as associated data, to the method, the caller and the request it pages
 * (every field but {@code page_token} and {@code page_size}: the parent, the filter, the order).
 * It expires {@link #LIFETIME} after it was issued.
 *
 * <p>A token that is forged, altered, expired, or presented for another parent, filter, method,
 * caller or service (each service has its own secret) is refused as an invalid
 * {@code page_token}. Clients learn nothing from a token: neither the cursor nor how many rows
 * the service holds.
 */
public final class PageTokens {
  /** How long a page token is accepted after it was issued. */
  public static final Duration LIFETIME = Duration.ofHours(24);
  /** The name of the service secret the token key is derived from. */
  public static final String SECRET_NAME = "page-token";

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String PAGE_TOKEN = "page_token";
  private static final String PAGE_SIZE = "page_size";

  private final Supplier<byte[]> secret;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile SecretKeySpec key;

  /** @param secret the service's secret (read on first use: the database may start later) */
  public PageTokens(Supplier<byte[]> secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  /** The cursor the request's {@code page_token} carries; empty for the first page. */
  public String cursor(Message request) {
    String token = (String) request.getField(pageTokenField(request));
    if (token.isEmpty()) {
      return "";
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 + Long.BYTES || sealed[0] != VERSION) {
      throw invalid();
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(binding(request));
      plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw invalid();
    }
    ByteBuffer buffer = ByteBuffer.wrap(plain);
    long expiresAt = buffer.getLong();
    if (clock.instant().getEpochSecond() >= expiresAt) {
      throw DomainException.invalidField(PAGE_TOKEN, "has expired; list again from the first page");
    }
    return new String(plain, Long.BYTES, plain.length - Long.BYTES, StandardCharsets.UTF_8);
  }

  /** The token that resumes {@code request}'s listing after {@code cursor}. */
  public String next(Message request, String cursor) {
    pageTokenField(request);
    byte[] text = cursor.getBytes(StandardCharsets.UTF_8);
    ByteBuffer plain = ByteBuffer.allocate(Long.BYTES + text.length);
    plain.putLong(clock.instant().plus(LIFETIME).getEpochSecond()).put(text);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(binding(request));
      byte[] sealed = cipher.doFinal(plain.array());
      ByteBuffer token = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** The refusal of a page token (or of the cursor inside it) this service did not issue. */
  public static DomainException invalid() {
    return DomainException.invalidField(PAGE_TOKEN, "is not a token this service issued for this request");
  }

  /** The page size to use: {@code requested}, or {@code defaultSize} when 0. */
  public static int size(int requested, int defaultSize) {
    return requested <= 0 ? defaultSize : requested;
  }

  /** What a token is bound to: version, method, caller, and a digest of the request without paging. */
  private static byte[] binding(Message request) {
    Message.Builder unpaged = request.toBuilder().clearField(pageTokenField(request));
    FieldDescriptor size = request.getDescriptorForType().findFieldByName(PAGE_SIZE);
    if (size != null) {
      unpaged.clearField(size);
    }
    Message query = unpaged.build();
    byte[] serialised = new byte[query.getSerializedSize()];
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(serialised);
      out.useDeterministicSerialization();
      query.writeTo(out);
      out.checkNoSpaceLeft();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(VERSION);
      digest.update((CallContext.currentMethod() + '\n' + CallContext.currentCaller() + '\n'
          + request.getDescriptorForType().getFullName() + '\n').getBytes(StandardCharsets.UTF_8));
      return digest.digest(serialised);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FieldDescriptor pageTokenField(Message request) {
    FieldDescriptor field = request.getDescriptorForType().findFieldByName(PAGE_TOKEN);
    if (field == null || field.getJavaType() != FieldDescriptor.JavaType.STRING || field.isRepeated()) {
      throw new IllegalArgumentException(request.getDescriptorForType().getFullName() + " has no string page_token");
    }
    return field;
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      try {
        // A key of its own, derived from the service secret (HKDF-style expand with a label).
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.get(), "HmacSHA256"));
        k = new SecretKeySpec(mac.doFinal("custody page tokens v1".getBytes(StandardCharsets.UTF_8)), "AES");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      key = k;
    }
    return k;
  }
}
