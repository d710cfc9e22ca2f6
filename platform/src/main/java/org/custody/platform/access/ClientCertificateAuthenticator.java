package org.custody.platform.access;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Production authentication over mutual TLS. The TLS layer has already verified the client
 * certificate's chain and validity against the configured CA; this names the caller from it:
 * the single URI SAN {@code spiffe://custody/<caller>}, or, when the certificate has no URI SAN,
 * its subject CN. A certificate with more than one URI SAN is ambiguous and refused.
 */
public final class ClientCertificateAuthenticator implements CallerAuthenticator {
  private static final String SPIFFE_PREFIX = "spiffe://custody/";
  private static final Pattern CALLER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int URI_SAN = 6;

  @Override
  public Optional<String> authenticate(Attributes transport, Metadata headers) {
    SSLSession session = transport.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return Optional.empty();
      }
      return callerOf(leaf);
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /** The caller a certificate names, if it names exactly one. */
  public static Optional<String> callerOf(X509Certificate certificate) {
    List<String> uris = uriSans(certificate);
    if (uris.size() > 1) {
      return Optional.empty();
    }
    String name;
    if (uris.size() == 1) {
      if (!uris.get(0).startsWith(SPIFFE_PREFIX)) {
        return Optional.empty();
      }
      name = uris.get(0).substring(SPIFFE_PREFIX.length());
    } else {
      name = commonName(certificate);
    }
    return name != null && CALLER_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  private static List<String> uriSans(X509Certificate certificate) {
    List<String> uris = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(URI_SAN).equals(san.get(0))) {
            uris.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      uris.add("unparseable");
      uris.add("unparseable");
    }
    return uris;
  }

  private static String commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }
}
