package org.custody.disclosure.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger's canonical JSON: the same value gives the same bytes whatever the key order, always valid UTF-8 without raw control characters. */
class CanonicalJsonFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void encode_isCanonicalAndWellFormed(FuzzedDataProvider data) throws CharacterCodingException {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    int count = data.consumeInt(0, 8);
    for (int i = 0; i < count; i++) {
      String key = data.consumeString(16);
      Object value = switch (data.consumeInt(0, 3)) {
        case 0 -> data.consumeString(64);
        case 1 -> data.consumeLong();
        case 2 -> data.consumeBoolean();
        default -> List.of(data.consumeString(16), data.consumeInt());
      };
      entries.add(Map.entry(key, value));
    }
    Map<String, Object> forward = new LinkedHashMap<>();
    entries.forEach(e -> forward.putIfAbsent(e.getKey(), e.getValue()));
    List<Map.Entry<String, Object>> reversed = new ArrayList<>(forward.entrySet());
    Collections.reverse(reversed);
    Map<String, Object> backward = new LinkedHashMap<>();
    reversed.forEach(e -> backward.put(e.getKey(), e.getValue()));

    byte[] encoded = CanonicalJson.encode(forward);
    assertThat(CanonicalJson.encode(backward)).isEqualTo(encoded);
    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(encoded)).toString();
    assertThat(text.chars().filter(c -> c < 0x20)).isEmpty();
  }
}
