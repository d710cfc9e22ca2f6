package org.custody.identity.factor;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebAuthn authenticator in software, for tests: a P-256 key pair made by the JDK, the
 * authenticator data, attestation object ("none" format) and COSE key encoded with webauthn4j's
 * own data model and converters, the client data JSON a browser would write, and ES256 signatures
 * over {@code authenticatorData || SHA-256(clientDataJSON)} as the WebAuthn spec defines. It
 * stands in for webauthn4j's test authenticator ({@code webauthn4j-test}), which is not published
 * for the webauthn4j version in use.
 */
public final class SoftwareAuthenticator {
  private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final byte UP = 0x01;
  private static final byte AT = 0x40;

  private final ObjectConverter converter = new ObjectConverter();
  private final KeyPair keys;
  private final byte[] credentialId = new byte[32];
  private final String rpId;
  private final String origin;
  private long counter;

  public SoftwareAuthenticator(String rpId, String origin) {
    this.rpId = rpId;
    this.origin = origin;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    new SecureRandom().nextBytes(credentialId);
  }

  public String credentialId() {
    return B64.encodeToString(credentialId);
  }

  /** The response to {@code navigator.credentials.create(creationOptionsJson)}, as its toJSON(). */
  public String register(String creationOptionsJson) {
    byte[] clientData = clientData("webauthn.create", challenge(creationOptionsJson), origin);
    AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
        EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
    AuthenticatorData<?> data = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (UP | AT), counter, attested);
    @SuppressWarnings({"unchecked", "rawtypes"})
    byte[] attestation = new AttestationObjectConverter(converter).convertToBytes(new AttestationObject((AuthenticatorData) data,
        new NoneAttestationStatement()));
    return "{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId() + "\",\"type\":\"public-key\",\"response\":{"
        + "\"clientDataJSON\":\"" + B64.encodeToString(clientData) + "\",\"attestationObject\":\"" + B64.encodeToString(attestation)
        + "\",\"transports\":[\"internal\"]},\"clientExtensionResults\":{}}";
  }

  /** The response to {@code navigator.credentials.get(requestOptionsJson)} from {@code origin}, counter advanced. */
  public String assert_(String requestOptionsJson, String fromOrigin) {
    counter++;
    byte[] clientData = clientData("webauthn.get", challenge(requestOptionsJson), fromOrigin);
    byte[] authenticatorData = new AuthenticatorDataConverter(converter).convert(
        new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), UP, counter));
    byte[] signature;
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initSign(keys.getPrivate());
      ecdsa.update(ByteBuffer.allocate(authenticatorData.length + 32).put(authenticatorData).put(sha256(clientData)).array());
      signature = ecdsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return "{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId() + "\",\"type\":\"public-key\",\"response\":{"
        + "\"clientDataJSON\":\"" + B64.encodeToString(clientData) + "\",\"authenticatorData\":\"" + B64.encodeToString(authenticatorData)
        + "\",\"signature\":\"" + B64.encodeToString(signature) + "\",\"userHandle\":null},\"clientExtensionResults\":{}}";
  }

  /** Winds the signature counter back, as a cloned authenticator's would be. */
  public void rewind() {
    counter = 0;
  }

  private static String challenge(String optionsJson) {
    Matcher m = CHALLENGE.matcher(optionsJson);
    if (!m.find()) {
      throw new IllegalArgumentException("options without a challenge");
    }
    return m.group(1);
  }

  private static byte[] clientData(String type, String challenge, String origin) {
    return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
