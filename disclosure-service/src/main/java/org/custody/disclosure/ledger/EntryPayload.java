package org.custody.disclosure.ledger;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bytes a leaf hashes: the canonical JSON of the entry's body plus {@code index}, {@code type}
 * and {@code time}. Free text is never among them: a body's {@link LedgerText} values are written
 * as their keyed commitments (see docs/ledger-entries.md). Repeating the row's columns inside the hashed bytes means a changed index,
 * type or time is as detectable as a changed body.
 */
public final class EntryPayload {
  private static final Set<String> RESERVED = Set.of("index", "type", "time");

  private EntryPayload() {}

  static byte[] encode(long index, String type, Instant time, Map<String, ?> body) {
    return encode(index, type, time, body, new ArrayList<>());
  }

  /**
   * Encodes the entry; each {@link LedgerText} in the body becomes {@code {"hmacSha256": hex}},
   * and its rows for {@code ledger_texts} (field path, e.g. {@code evidence.caseReference}, and
   * one per subject) are added to {@code texts}.
   */
  static byte[] encode(long index, String type, Instant time, Map<String, ?> body, List<LedgerText.Row> texts) {
    @SuppressWarnings("unchecked")
    Map<String, Object> all = (Map<String, Object>) withCommitments(index, "", body, texts);
    for (String key : RESERVED) {
      if (all.containsKey(key)) {
        throw new IllegalArgumentException("an entry body may not set " + key);
      }
    }
    rejectAddresses(all);
    all.put("index", index);
    all.put("type", type);
    all.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
    return CanonicalJson.encode(all);
  }

  private static Object withCommitments(long index, String path, Object value, List<LedgerText.Row> texts) {
    if (value instanceof LedgerText text) {
      for (String subject : text.subjects()) {
        texts.add(new LedgerText.Row(index, path, subject, text.text(), text.key()));
      }
      return Map.of(LedgerText.COMMITMENT, text.commitment());
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new HashMap<>();
      map.forEach((k, v) -> out.put((String) k, withCommitments(index, path.isEmpty() ? (String) k : path + "." + k, v, texts)));
      return out;
    } else if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(withCommitments(index, path + "[" + i + "]", list.get(i), texts));
      }
      return out;
    }
    return value;
  }

  /**
   * A tripwire for the rule that entries carry ids, never e-mail addresses: any string holding an
   * {@code @} is refused (subjects known by e-mail appear under a pseudonym).
   */
  private static void rejectAddresses(Object value) {
    if (value instanceof String s && s.indexOf('@') >= 0) {
      throw new IllegalArgumentException("a ledger entry may not hold an e-mail address");
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(EntryPayload::rejectAddresses);
    } else if (value instanceof java.util.Collection<?> list) {
      list.forEach(EntryPayload::rejectAddresses);
    }
  }

  /** Whether the entry's payload is canonical JSON naming the entry's own index, type and time. */
  static boolean matchesColumns(LedgerEntry entry) {
    try {
      JsonElement parsed = JsonParser.parseString(new String(entry.payload(), StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        return false;
      }
      JsonObject object = parsed.getAsJsonObject();
      return object.has("index") && object.get("index").getAsLong() == entry.index()
          && object.has("type") && object.get("type").getAsString().equals(entry.type())
          && object.has("time") && Instant.parse(object.get("time").getAsString()).equals(entry.appendTime());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
