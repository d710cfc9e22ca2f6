package org.custody.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive operating-system lock on a file beside the embedded data directory, held for as
 * long as this process runs the server on it. The kernel releases it when the process dies, even
 * by kill -9, so a lock that cannot be taken means another live process uses the directory.
 */
final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;  // this very process holds it already
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new EmbeddedDatabaseInUseException(dataDir, holder.isEmpty() ? "unknown" : holder);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock goes with the process anyway.
    }
  }
}
