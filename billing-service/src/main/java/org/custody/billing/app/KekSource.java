package org.custody.billing.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.custody.billing.crypto.RootKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key-encryption key's root keyset comes from: an environment variable or a keyset
 * file in production, or a file generated under CUSTODY_HOME for the embedded default. No variant
 * shows the key in {@code toString()}, so a logged configuration cannot leak it.
 */
public sealed interface KekSource {
  /** The keyset as Tink JSON. */
  String keysetJson();

  /** The keyset given inline (CUSTODY_BILLING_KEK_KEYSET). */
  record Inline(String json) implements KekSource {
    @Override
    public String keysetJson() {
      return json;
    }

    @Override
    public String toString() {
      return "KekSource.Inline[redacted]";
    }
  }

  /** A keyset file an operator provides (CUSTODY_BILLING_KEK_FILE). */
  record File(Path path) implements KekSource {
    private static final Logger log = LoggerFactory.getLogger(File.class);

    @Override
    public String keysetJson() {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
          log.warn("the key-encryption-key keyset file is readable by group or others path={}", path);
        }
      } catch (IOException | UnsupportedOperationException e) {
        // not a POSIX file system, or unreadable: reading below reports the latter
      }
      try {
        return Files.readString(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the key-encryption-key keyset file " + path, e);
      }
    }
  }

  /** A keyset generated on first start and kept, owner-only, under CUSTODY_HOME (embedded default). */
  record Generated(Path path) implements KekSource {
    private static final Logger log = LoggerFactory.getLogger(Generated.class);

    @Override
    public synchronized String keysetJson() {
      try {
        if (!Files.exists(path)) {
          Files.createDirectories(path.getParent());
          Path fresh = path.resolveSibling(path.getFileName() + ".new");
          Files.deleteIfExists(fresh);
          try {
            // Created owner-only from the start: no moment where the key is readable by others.
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } catch (UnsupportedOperationException e) {
            Files.createFile(fresh);
          }
          Files.writeString(fresh, RootKey.generateJson());
          try {
            Files.move(fresh, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("generated the key-encryption-key root keyset path={}", path);
          } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(fresh);
          }
        }
        return Files.readString(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create or read the generated key-encryption-key keyset " + path, e);
      }
    }
  }
}
