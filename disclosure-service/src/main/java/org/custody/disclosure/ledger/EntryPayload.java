package org.custody.disclosure.ledger;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bytes a leaf hashes: the canonical JSON of the entry's body plus {@code index}, {@code type}
 * and {@code time}. Repeating the row's columns inside the hashed bytes means a changed index,
 * type or time is as detectable as a changed body.
 */
public final class EntryPayload {
  private static final Set<String> RESERVED = Set.of("index", "type", "time");

  private EntryPayload() {}

  static byte[] encode(long index, String type, Instant time, Map<String, ?> body) {
    Map<String, Object> all = new HashMap<>(body);
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
