package org.custody.disclosure.app;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.ledger.LedgerEntry;
import org.custody.disclosure.ledger.LedgerVerifier;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.ledger.Verification;
import org.custody.platform.access.AuthMode;
import org.custody.platform.access.AuthSettings;
import org.custody.platform.access.ClientChannels;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.config.EnvReader;
import org.custody.proto.disclosure.v1.GetLedgerPublicKeyRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;

/**
 * Verifies a running disclosure service's ledger from the outside, as an auditor would: reads the
 * signed tree head and every entry it covers over the API, recomputes the RFC 6962 root and checks
 * the Ed25519 signature, trusting nothing the service computed. Pass the public key you trust
 * ({@code --public-key}, X.509 DER or PEM); without it the key the service serves is used (which
 * only shows the log is self-consistent).
 *
 * <pre>
 * java -cp ... org.custody.disclosure.app.LedgerVerifierCli --target disclosure:7004 --public-key ledger.pub
 * </pre>
 * Authenticates like any Custody client (CUSTODY_AUTH_MODE; CUSTODY_CLIENT_TOKEN in token mode;
 * CUSTODY_TLS_CERT, CUSTODY_TLS_KEY, CUSTODY_TLS_CA in mtls mode) as a caller the access policy lets
 * read the ledger (operator), for the LEGAL_COMPLIANCE purpose. Exit code 0: valid; 1: invalid; 2: usage or connection error.
 */
public final class LedgerVerifierCli {
  private static final int PAGE = 1000;

  private LedgerVerifierCli() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), EnvReader.fromSystem(), System.out));
  }

  /** Runs the command; returns the exit code. */
  public static int run(List<String> args, EnvReader env, PrintStream out) {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      out.println("usage: LedgerVerifierCli --target HOST:PORT [--public-key FILE]   (" + e.getMessage() + ")");
      return 2;
    }
    AuthSettings auth = clientAuth(env);
    ClientChannels clients = new ClientChannels(auth);
    ManagedChannel channel = clients.open(options.getOrDefault("--target", "localhost:7004"));
    try {
      LedgerServiceGrpc.LedgerServiceBlockingStub ledger = LedgerServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(clients.credentials(Purpose.LEGAL_COMPLIANCE));
      PublicKey key = options.containsKey("--public-key") ? readKey(Path.of(options.get("--public-key")))
          : TreeHeadSigner.publicKey(ledger.getLedgerPublicKey(GetLedgerPublicKeyRequest.getDefaultInstance()).getPublicKey().toByteArray());
      if (!options.containsKey("--public-key")) {
        out.println("warning: no --public-key given; trusting the key the service serves (id " + TreeHeadSigner.keyId(key) + ")");
      }
      var proto = ledger.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead();
      SignedTreeHead head = new SignedTreeHead(proto.getTreeSize(), proto.getRootHash().toByteArray(), ProtoTimes.instant(proto.getTimestamp()),
          proto.getSignature().toByteArray(), proto.getKeyId());
      long started = System.nanoTime();
      Verification result = LedgerVerifier.verify(entries(ledger, head.treeSize()), null, head, key);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      out.println((result.valid() ? "VALID" : "INVALID") + " treeSize=" + result.treeSize() + " root=" + HexFormat.of().formatHex(result.rootHash())
          + " keyId=" + head.keyId() + " millis=" + millis + result.failure().map(f -> " failure=\"" + f + "\"").orElse(""));
      return result.valid() ? 0 : 1;
    } catch (StatusRuntimeException e) {
      out.println("error: the ledger could not be read: " + e.getStatus().getCode());
      return 2;
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      return 2;
    } finally {
      channel.shutdownNow();
    }
  }

  /** The entries the head covers, page by page. */
  private static Iterator<LedgerEntry> entries(LedgerServiceGrpc.LedgerServiceBlockingStub ledger, long treeSize) {
    return new Iterator<>() {
      private List<LedgerEntry> page = List.of();
      private int position;
      private long next;

      @Override
      public boolean hasNext() {
        if (position < page.size()) {
          return true;
        }
        if (next >= treeSize) {
          return false;
        }
        List<LedgerEntry> fetched = new ArrayList<>();
        for (var e : ledger.listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(next).setPageSize(PAGE).build()).getEntriesList()) {
          if (e.getIndex() < treeSize) {
            fetched.add(new LedgerEntry(e.getIndex(), e.getEntryType(), e.getPayload().toByteArray(), ProtoTimes.instant(e.getAppendTime())));
          }
        }
        page = fetched;
        position = 0;
        // Continue after the highest index seen, so a gap in the log shows up as a missing entry.
        next = fetched.isEmpty() ? treeSize : fetched.get(fetched.size() - 1).index() + 1;
        return !page.isEmpty();
      }

      @Override
      public LedgerEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(position++);
      }
    };
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!name.equals("--target") && !name.equals("--public-key")) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options.put(name, args.get(i + 1));
    }
    return options;
  }

  private static AuthSettings clientAuth(EnvReader env) {
    AuthMode mode = env.oneOf("CUSTODY_AUTH_MODE", AuthMode.TOKEN, AuthMode.class);
    if (mode == AuthMode.MTLS) {
      return AuthSettings.mtls(Path.of(env.required("CUSTODY_TLS_CERT", "mtls mode")), Path.of(env.required("CUSTODY_TLS_KEY", "mtls mode")),
          Path.of(env.required("CUSTODY_TLS_CA", "mtls mode")));
    }
    return AuthSettings.tokens(Map.of(), env.string("CUSTODY_CLIENT_TOKEN", ""));
  }

  private static PublicKey readKey(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN PUBLIC KEY-----")) {
        bytes = Base64.getMimeDecoder().decode(text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26, text.indexOf("-----END PUBLIC KEY-----")));
      }
      return TreeHeadSigner.publicKey(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the public key file");
    }
  }
}
