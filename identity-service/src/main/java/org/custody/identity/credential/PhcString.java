package org.custody.identity.credential;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} with unpadded standard base64, as the
 * reference implementation and most libraries write it, so stored hashes stay portable.
 */
public record PhcString(int version, Argon2Parameters parameters, byte[] salt, byte[] hash) {
  public static final int VERSION_13 = 0x13;
  private static final Pattern FORMAT = Pattern.compile(
      "\\$argon2id\\$v=(\\d+)\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{16,})");

  /** Parses a stored string; empty when it is not an Argon2id PHC string. */
  public static Optional<PhcString> parse(String phc) {
    Matcher m = FORMAT.matcher(phc == null ? "" : phc);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Argon2Parameters parameters = new Argon2Parameters(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      Base64.Decoder decoder = Base64.getDecoder();
      return Optional.of(new PhcString(Integer.parseInt(m.group(1)), parameters, decoder.decode(m.group(5)), decoder.decode(m.group(6))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String format() {
    Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=" + version + "$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p=" + parameters.parallelism()
        + "$" + encoder.encodeToString(salt) + "$" + encoder.encodeToString(hash);
  }

  @Override
  public String toString() {
    return "PhcString[argon2id, " + parameters + "]"; // never the salt or hash
  }
}
