package org.custody.deploy.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;

/**
 * The whole disclosure ledger as a fault test reads it back: every entry's type, its canonical
 * JSON payload and its append time, so a test can count the entries one erasure, message or
 * decision produced.
 */
record LedgerEntries(List<Entry> entries) {
  private static final int PAGE = 1000;

  /** One entry: its type, payload text (ids and names only) and append time. */
  record Entry(long index, String type, String payload, Instant appendTime) {
    /** The value of a top-level string field of the payload, e.g. {@code erasure} or {@code service}. */
    Optional<String> field(String name) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(payload);
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }

  static LedgerEntries read(LedgerServiceGrpc.LedgerServiceBlockingStub ledger) {
    List<Entry> entries = new ArrayList<>();
    for (long from = 0; ; from += PAGE) {
      var page = ledger.listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(from).setPageSize(PAGE).build());
      for (LedgerEntry e : page.getEntriesList()) {
        entries.add(new Entry(e.getIndex(), e.getEntryType(), e.getPayload().toString(StandardCharsets.UTF_8),
            Instant.ofEpochSecond(e.getAppendTime().getSeconds(), e.getAppendTime().getNanos())));
      }
      if (page.getEntriesCount() < PAGE) {
        return new LedgerEntries(entries);
      }
    }
  }

  /** Entries of {@code type} whose payload field {@code field} is {@code value}. */
  List<Entry> of(String type, String field, String value) {
    return entries.stream().filter(e -> e.type().equals(type) && e.field(field).filter(value::equals).isPresent()).toList();
  }

  long count(String type) {
    return entries.stream().filter(e -> e.type().equals(type)).count();
  }
}
