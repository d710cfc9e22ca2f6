package org.custody.analytics.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The survey-respondent pseudonym key when none is configured: 32 random bytes generated on the
 * first start into {@code CUSTODY_HOME/analytics/pseudonym.key} (owner-only permissions) and read
 * on every later start. Losing the file makes stored pseudonyms unfindable (responses can then
 * no longer be exported or erased per subject), so it belongs in backups with the database.
 */
final class PseudonymKeyFile {
  private PseudonymKeyFile() {}

  static byte[] loadOrCreate(Path home) {
    Path file = home.resolve("analytics").resolve("pseudonym.key");
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          create(file);
          Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: use theirs
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (key.length < 32) {
        throw new IllegalStateException("the pseudonym key file holds fewer than 32 bytes: " + file);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the pseudonym key under " + home, e);
    }
  }

  private static void create(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }
}
