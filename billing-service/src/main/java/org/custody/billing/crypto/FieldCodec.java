package org.custody.billing.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext layout of a sealed column: a format byte, then values in a fixed order, strings
 * as length-prefixed UTF-8. Each sealed kind (profile details, invoice contents...) writes and
 * reads its own fixed sequence; the format byte lets a later layout coexist with this one.
 */
public final class FieldCodec {
  private FieldCodec() {}

  /** Builds a plaintext. */
  public static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    public Writer(int format) {
      write(() -> out.writeByte(format));
    }

    public Writer string(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      write(() -> {
        out.writeInt(utf8.length);
        out.write(utf8);
      });
      return this;
    }

    public Writer strings(List<String> values) {
      write(() -> out.writeInt(values.size()));
      values.forEach(this::string);
      return this;
    }

    public Writer number(long value) {
      write(() -> out.writeLong(value));
      return this;
    }

    public byte[] toBytes() {
      return bytes.toByteArray();
    }

    private void write(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Reads a plaintext back, in the order it was written. */
  public static final class Reader {
    private final DataInputStream in;
    private final int format;

    public Reader(byte[] plaintext) {
      this.in = new DataInputStream(new ByteArrayInputStream(plaintext));
      this.format = read(in::readUnsignedByte);
    }

    public int format() {
      return format;
    }

    public String string() {
      int length = read(in::readInt);
      if (length < 0 || length > 1_000_000) {
        throw new IllegalStateException("corrupt sealed field");
      }
      byte[] utf8 = new byte[length];
      read(() -> {
        in.readFully(utf8);
        return null;
      });
      return new String(utf8, StandardCharsets.UTF_8);
    }

    public List<String> strings() {
      int count = read(in::readInt);
      if (count < 0 || count > 10_000) {
        throw new IllegalStateException("corrupt sealed field");
      }
      List<String> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(string());
      }
      return values;
    }

    public long number() {
      return read(in::readLong);
    }

    private static <T> T read(IoRead<T> read) {
      try {
        return read.get();
      } catch (IOException e) {
        throw new IllegalStateException("corrupt sealed field");
      }
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  @FunctionalInterface
  private interface IoRead<T> {
    T get() throws IOException;
  }
}
