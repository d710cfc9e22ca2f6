package org.custody.platform.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made at test time, issuing Custody service certificates (PEM files). */
public final class TestCertificates {
  private static final SecureRandom random = new SecureRandom();

  /** A certificate and its key, written as PEM files. */
  public record Issued(X509Certificate certificate, KeyPair keys, Path certificateFile, Path keyFile) {}

  private final X500Name name;
  private final KeyPair keys;
  private final X509Certificate certificate;
  private final Path directory;

  private TestCertificates(String commonName, Path directory) {
    this.directory = directory;
    this.name = new X500Name("CN=" + commonName);
    this.keys = newKeys();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(Instant.now().plus(Duration.ofDays(30))), name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      this.certificate = sign(builder, keys);
      write(directory.resolve(commonName + "-ca.pem"), certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new CA whose files go in {@code directory}. */
  public static TestCertificates authority(String commonName, Path directory) {
    return new TestCertificates(commonName, directory);
  }

  public Path caFile() {
    return directory.resolve(name.toString().substring(3) + "-ca.pem");
  }

  /** A certificate for {@code spiffe://custody/<caller>}, also valid for localhost. */
  public Issued issue(String caller) {
    return issue(caller, List.of("spiffe://custody/" + caller), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
  }

  /** A certificate with the given URI SANs (possibly none, possibly several) and validity. */
  public Issued issue(String fileName, List<String> uriSans, Instant notBefore, Instant notAfter) {
    KeyPair leafKeys = newKeys();
    try {
      GeneralName[] names = new GeneralName[uriSans.size() + 2];
      for (int i = 0; i < uriSans.size(); i++) {
        names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, uriSans.get(i));
      }
      names[uriSans.size()] = new GeneralName(GeneralName.dNSName, "localhost");
      names[uriSans.size() + 1] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + fileName), leafKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      X509Certificate leaf = sign(builder, keys);
      Path certFile = directory.resolve(fileName + ".pem");
      Path keyFile = directory.resolve(fileName + "-key.pem");
      write(certFile, leaf);
      try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(keyFile))) {
        writer.writeObject(new JcaPKCS8Generator(leafKeys.getPrivate(), null));
      }
      return new Issued(leaf, leafKeys, certFile, keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
    try {
      ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, Object pemObject) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(pemObject);
    }
    Files.writeString(file, out.toString());
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, random);
  }
}
