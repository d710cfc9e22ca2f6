package org.custody.disclosure.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.platform.db.LocalDatabases;

/**
 * The ledger's signing key: the configured PKCS#8 file (PEM or DER), or else a key derived from a
 * secret generated once under {@code CUSTODY_HOME/secrets} (owner-only), so a local suite keeps
 * its key across restarts. Keep the key away from the database: whoever holds both could rewrite
 * the log and sign a matching head.
 */
final class LedgerKeys {
  static final String SECRET_FILE = "ledger-signing.secret";

  private LedgerKeys() {}

  static TreeHeadSigner load(Optional<Path> keyFile, Path home) {
    if (keyFile.isPresent()) {
      return TreeHeadSigner.fromPkcs8(readDer(keyFile.get()));
    }
    String secret = LocalDatabases.secrets(home).read(SECRET_FILE);
    return TreeHeadSigner.fromSeed(sha256(("custody ledger signing key v1:" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] readDer(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN PRIVATE KEY-----")) {
        String base64 = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"));
        return Base64.getMimeDecoder().decode(base64);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ledger signing key", e);
    }
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
