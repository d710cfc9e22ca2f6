package org.custody.disclosure.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;

/** Signs tree heads with Ed25519 (JDK built-in) and checks them against a public key. */
public final class TreeHeadSigner {
  public static final String ALGORITHM = "Ed25519";
  private static final int SEED_BYTES = 32;

  private final KeyPair keys;
  private final String keyId;

  private TreeHeadSigner(KeyPair keys) {
    this.keys = keys;
    this.keyId = keyId(keys.getPublic());
  }

  /** The key pair whose private key is the 32-byte Ed25519 seed {@code seed} (RFC 8032). */
  public static TreeHeadSigner fromSeed(byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    try {
      // The JDK derives a key pair from the generator's random bytes, and has no other way to
      // recompute the public key of a stored private key: feed it the seed.
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      return new TreeHeadSigner(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides Ed25519", e);
    }
  }

  /** The key pair of a PKCS#8 (DER) Ed25519 private key, as written by {@code openssl genpkey -algorithm ed25519}. */
  public static TreeHeadSigner fromPkcs8(byte[] der) {
    try {
      EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
      return fromSeed(key.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key has no extractable bytes")));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key", e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /** The public key as X.509 SubjectPublicKeyInfo (DER). */
  public byte[] publicKeyDer() {
    return keys.getPublic().getEncoded();
  }

  public SignedTreeHead sign(long treeSize, byte[] rootHash, Instant timestamp) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(keys.getPrivate());
      signature.update(SignedTreeHead.signedBytes(treeSize, rootHash, timestamp));
      return new SignedTreeHead(treeSize, rootHash, timestamp, signature.sign(), keyId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing a tree head failed", e);
    }
  }

  /** Whether {@code head} carries a valid signature by {@code publicKey}. */
  public static boolean verify(SignedTreeHead head, PublicKey publicKey) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(publicKey);
      signature.update(head.signedBytes());
      return signature.verify(head.signature());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A public key from its X.509 SubjectPublicKeyInfo (DER) encoding. */
  public static PublicKey publicKey(byte[] der) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  /** The first 8 bytes of SHA-256 over the public key's DER encoding, in hex. */
  public static String keyId(PublicKey publicKey) {
    byte[] digest = MerkleHash.sha256().digest(publicKey.getEncoded());
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  /** Hands out the seed as the "random" bytes of key generation. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] seed;

    FixedBytes(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
