package org.custody.identity.factor;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.custody.identity.account.Account;
import org.custody.identity.account.AccountStore;
import org.custody.identity.session.Principal;
import org.custody.identity.session.Sessions;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * WebAuthn authenticators (passkeys) as a second factor (P15), verified with webauthn4j: the
 * registration's attestation (any format webauthn4j's non-strict manager knows; attestation is not
 * required to chain to a trusted root, as for most consumer passkeys) and each assertion's
 * signature, challenge, origin, RP ID and user presence; the signature counter must move forward,
 * so a cloned authenticator is refused. Options are handed to the browser as the JSON its
 * {@code navigator.credentials.create/get} calls take ({@code PublicKeyCredential.parse*OptionsFromJSON}).
 */
public final class Passkeys {
  private static final Duration REGISTRATION_LIFETIME = Duration.ofMinutes(5);
  private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final WebAuthnStore store;
  private final AccountStore accounts;
  private final Sessions sessions;
  private final WebAuthnSettings settings;
  private final SecureRandom random;
  private final Clock clock;
  private final ObjectConverter converter = new ObjectConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
  private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);
  private final Set<Origin> origins;

  public Passkeys(WebAuthnStore store, AccountStore accounts, Sessions sessions, WebAuthnSettings settings, SecureRandom random, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.sessions = sessions;
    this.settings = settings;
    this.random = random;
    this.clock = clock;
    this.origins = settings.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
  }

  /** Starts a registration (login within 10 minutes): the creation options for {@code navigator.credentials.create}. */
  public String startRegistration(String sessionToken) {
    Principal who = FactorSessions.recent(sessions.validate(sessionToken), clock);
    Account account = accounts.find(who.projectId(), who.accountId()).orElseThrow(() -> DomainException.notFound("account"));
    byte[] challenge = challenge();
    store.putRegistration(who.projectId(), who.accountId(), challenge, clock.instant().plus(REGISTRATION_LIFETIME));
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("challenge", B64.encodeToString(challenge));
    options.put("rp", Map.of("id", settings.rpId(), "name", settings.rpName()));
    // The user handle is the account id: a random id, never the address.
    options.put("user", Map.of("id", B64.encodeToString(account.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "name", account.email(), "displayName", account.fullName()));
    options.put("pubKeyCredParams", ALGORITHMS.stream().map(p -> Map.of("type", "public-key", "alg", p.getAlg().getValue())).toList());
    options.put("timeout", REGISTRATION_LIFETIME.toMillis());
    options.put("attestation", "none");
    options.put("excludeCredentials", descriptors(store.listFor(who.projectId(), who.accountId())));
    options.put("authenticatorSelection", Map.of("userVerification", "preferred", "residentKey", "preferred"));
    return converter.getJsonConverter().writeValueAsString(options);
  }

  /** Verifies the browser's registration response and keeps the authenticator's public key. */
  public WebAuthnCredential finishRegistration(String sessionToken, String responseJson, String displayName) {
    Principal who = FactorSessions.recent(sessions.validate(sessionToken), clock);
    byte[] challenge = store.takeRegistration(who.projectId(), who.accountId(), clock.instant())
        .orElseThrow(() -> DomainException.of(org.custody.platform.errors.ErrorKind.FAILED_PRECONDITION, "WEBAUTHN_REGISTRATION_NOT_STARTED",
            "no WebAuthn registration is waiting; start one"));
    RegistrationData data;
    try {
      data = manager.verifyRegistrationResponseJSON(responseJson, new RegistrationParameters(server(challenge), ALGORITHMS, false, true));
    } catch (DataConversionException | VerificationException | IllegalArgumentException e) {
      throw refused("registration_response_json", "WEBAUTHN_REGISTRATION_INVALID", "is not a valid registration for this challenge and site");
    }
    AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData attested = authenticator.getAttestedCredentialData();
    WebAuthnCredential credential = new WebAuthnCredential(attested.getCredentialId(), who.projectId(), who.accountId(),
        displayName.isBlank() ? "Security key" : displayName.strip(), credentialData.convert(attested), authenticator.getSignCount(),
        clock.instant(), Optional.empty());
    store.insert(credential);
    return credential;
  }

  /** The request options a login challenge hands the browser for {@code navigator.credentials.get}. */
  public String requestOptions(String projectId, String accountId, byte[] challenge) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("challenge", B64.encodeToString(challenge));
    options.put("rpId", settings.rpId());
    options.put("allowCredentials", descriptors(store.listFor(projectId, accountId)));
    options.put("userVerification", "preferred");
    options.put("timeout", Duration.ofMinutes(5).toMillis());
    return converter.getJsonConverter().writeValueAsString(options);
  }

  /** Whether {@code assertionJson} is a valid, fresh assertion of one of the account's authenticators over {@code challenge}. */
  public boolean verify(String projectId, String accountId, String assertionJson, byte[] challenge) {
    try {
      AuthenticationData data = manager.parseAuthenticationResponseJSON(assertionJson);
      Optional<WebAuthnCredential> stored = store.find(data.getCredentialId())
          .filter(c -> c.projectId().equals(projectId) && c.accountId().equals(accountId));
      if (stored.isEmpty()) {
        return false;
      }
      AttestedCredentialData attested = credentialData.convert(stored.get().credentialData());
      CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, stored.get().signCount(),
          attested, null, null, null, null);
      manager.verify(data, new AuthenticationParameters(server(challenge), record, List.of(stored.get().credentialId()), false, true));
      return store.recordUse(stored.get().credentialId(), data.getAuthenticatorData().getSignCount(), clock.instant());
    } catch (DataConversionException | VerificationException | IllegalArgumentException e) {
      return false;
    }
  }

  public boolean registered(String projectId, String accountId) {
    return !store.listFor(projectId, accountId).isEmpty();
  }

  public List<WebAuthnCredential> list(String projectId, String accountId) {
    return store.listFor(projectId, accountId);
  }

  /** Removes an authenticator: needs an AAL2 session authenticated within 10 minutes. */
  public void delete(String sessionToken, String credentialId) {
    Principal who = FactorSessions.aal2(FactorSessions.recent(sessions.validate(sessionToken), clock));
    byte[] id;
    try {
      id = Base64.getUrlDecoder().decode(credentialId);
    } catch (IllegalArgumentException e) {
      throw refused("credential_id", "WEBAUTHN_CREDENTIAL_UNKNOWN", "is not a credential of this account");
    }
    if (store.delete(who.projectId(), who.accountId(), id) == 0) {
      throw DomainException.notFound("credential");
    }
  }

  public int erase(String projectId, String accountId) {
    return store.deleteAll(projectId, accountId);
  }

  public byte[] challenge() {
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    return challenge;
  }

  private ServerProperty server(byte[] challenge) {
    return ServerProperty.builder().origins(origins).rpId(settings.rpId()).challenge(new DefaultChallenge(challenge)).build();
  }

  private static List<Map<String, Object>> descriptors(List<WebAuthnCredential> credentials) {
    return credentials.stream().map(c -> Map.<String, Object>of("type", "public-key", "id", B64.encodeToString(c.credentialId()))).toList();
  }

  private static DomainException refused(String field, String reason, String description) {
    return DomainException.invalid(reason, List.of(new FieldViolation(field, description)));
  }

  /** A credential id as the API shows it. */
  public static String id(byte[] credentialId) {
    return B64.encodeToString(credentialId);
  }
}
