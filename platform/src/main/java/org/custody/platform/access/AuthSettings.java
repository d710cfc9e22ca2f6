package org.custody.platform.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.custody.platform.config.EnvReader;

/**
 * How this service authenticates its callers and how it authenticates itself when it calls
 * another service.
 *
 * @param callerTokens token mode: caller name -> bearer token accepted from that caller
 * @param clientToken token mode: the token this service presents when it calls others (may be empty)
 * @param certificate mtls mode: this service's certificate chain (PEM)
 * @param privateKey mtls mode: its private key (PEM, PKCS#8)
 * @param trustedCa mtls mode: the CA that issues every Custody certificate (PEM)
 */
public record AuthSettings(
    AuthMode mode, Map<String, String> callerTokens, String clientToken, Path certificate, Path privateKey, Path trustedCa) {
  private static final Pattern CALLER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public AuthSettings {
    callerTokens = Map.copyOf(callerTokens);
  }

  public static AuthSettings tokens(Map<String, String> callerTokens, String clientToken) {
    return new AuthSettings(AuthMode.TOKEN, callerTokens, clientToken, null, null, null);
  }

  public static AuthSettings mtls(Path certificate, Path privateKey, Path trustedCa) {
    return new AuthSettings(AuthMode.MTLS, Map.of(), "", certificate, privateKey, trustedCa);
  }

  /**
   * Reads CUSTODY_AUTH_MODE (token|mtls), CUSTODY_CALLER_TOKENS ("caller=token,..."),
   * CUSTODY_CALLER_TOKENS_FILE (a properties file caller=token), CUSTODY_CLIENT_TOKEN,
   * CUSTODY_TLS_CERT, CUSTODY_TLS_KEY, CUSTODY_TLS_CA.
   */
  public static AuthSettings from(EnvReader env) {
    AuthMode mode = env.oneOf("CUSTODY_AUTH_MODE", AuthMode.TOKEN, AuthMode.class);
    if (mode == AuthMode.MTLS) {
      Path cert = readablePath(env, "CUSTODY_TLS_CERT");
      Path key = readablePath(env, "CUSTODY_TLS_KEY");
      Path ca = readablePath(env, "CUSTODY_TLS_CA");
      return mtls(cert, key, ca);
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    String inline = env.string("CUSTODY_CALLER_TOKENS", "");
    for (String pair : inline.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        env.problem("CUSTODY_CALLER_TOKENS must be caller=token pairs separated by commas");
        break;
      }
      tokens.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    Path file = env.path("CUSTODY_CALLER_TOKENS_FILE", null);
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file)) {
        Properties properties = new Properties();
        properties.load(reader);
        properties.forEach((caller, token) -> tokens.put(String.valueOf(caller).trim(), String.valueOf(token).trim()));
      } catch (IOException e) {
        env.problem("CUSTODY_CALLER_TOKENS_FILE cannot be read: " + file);
      }
    }
    tokens.forEach((caller, token) -> {
      if (!CALLER.matcher(caller).matches()) {
        env.problem("caller names must be lowercase letters, digits and dashes: " + caller);
      }
      if (token.length() < 16) {
        env.problem("the token of caller " + caller + " is shorter than 16 characters");
      }
    });
    if (tokens.isEmpty()) {
      env.problem("token mode needs CUSTODY_CALLER_TOKENS or CUSTODY_CALLER_TOKENS_FILE (or set CUSTODY_AUTH_MODE=mtls)");
    }
    return tokens(tokens, env.string("CUSTODY_CLIENT_TOKEN", ""));
  }

  /** The authenticator for incoming calls. */
  public CallerAuthenticator authenticator() {
    return mode == AuthMode.MTLS ? new ClientCertificateAuthenticator() : new BearerTokenAuthenticator(callerTokens);
  }

  private static Path readablePath(EnvReader env, String key) {
    String value = env.required(key, "mtls mode needs it");
    if (value.isEmpty()) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      env.problem(key + " is not a readable file: " + path);
    }
    return path;
  }
}
