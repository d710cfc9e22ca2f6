package org.custody.platform.db;

import java.nio.file.Path;

/**
 * Another live process runs the embedded database on the same data directory (two launchers, or
 * a launcher and a standalone service, sharing one {@code CUSTODY_HOME}). Its message is meant to
 * be printed as it is.
 */
public final class EmbeddedDatabaseInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  EmbeddedDatabaseInUseException(Path dataDir, String holderPid) {
    super("The embedded database in " + dataDir + " is in use by another Custody process (pid " + holderPid + "). "
        + "Stop that process first, or set CUSTODY_HOME to another directory.");
  }
}
