package org.custody.deploy.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** Prints an answer: its text lines for a person, or the message as one line of JSON with --json. */
final class Output {
  private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  /** {@code message} as JSON, or {@code text} for a person. */
  void print(MessageOrBuilder message, Supplier<String> text) {
    out.println(json ? toJson(message) : text.get());
    out.flush();
  }

  /** A line for a person only (progress bars, hints); nothing with --json. */
  void human(String line) {
    if (!json) {
      out.println(line);
      out.flush();
    }
  }

  static String toJson(MessageOrBuilder message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("not printable as JSON: " + message.getClass().getSimpleName(), e);
    }
  }
}
