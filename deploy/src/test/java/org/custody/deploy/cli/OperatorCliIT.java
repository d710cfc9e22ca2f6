package org.custody.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custody.client.CustodyChannels;
import org.custody.client.CustodyCredentials;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.deploy.app.Launcher;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands against the four real services over gRPC, as an operator runs them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCliIT {
  @TempDir
  static Path home;
  private static Suite suite;
  private static String project;
  private static String account;
  private static final String EMAIL = "ops." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

  @BeforeAll
  static void start() {
    suite = Suite.start(SuiteOptions.forTests(home, TestDatabases.admin()));
    ManagedChannel channel = CustodyChannels.plaintext("127.0.0.1:" + suite.grpcPort("identity")).build();
    try {
      String id = "cli-" + UUID.randomUUID().toString().substring(0, 8);
      project = IdentityServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(CustodyCredentials.of(suite.token("operator"), Purpose.PURPOSE_SERVICE_PROVISION))
          .createProject(CreateProjectRequest.newBuilder().setProjectId(id).setDisplayName("CLI").build()).getProject().getName();
      account = IdentityServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(CustodyCredentials.of(suite.token("frontend"), Purpose.PURPOSE_SERVICE_PROVISION))
          .createAccount(CreateAccountRequest.newBuilder().setParent(project).setFullName("Olive Operator").setCompany("Ops")
              .setEmail(EMAIL).setPassword("Quartz-" + UUID.randomUUID() + "-meadow").build())
          .getAccount().getName();
    } finally {
      channel.shutdownNow();
    }
  }

  @AfterAll
  static void stop() {
    suite.close();
    for (String service : SuiteOptions.SERVICES) {
      org.custody.platform.db.DatabaseProvisioner.drop(TestDatabases.admin(),
          org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
    }
  }

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Run run(String service, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--target", "127.0.0.1:" + suite.grpcPort(service), "--token", suite.token("operator")));
    return runRaw(all.toArray(String[]::new));
  }

  private static Run runRaw(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Launcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  @Order(1)
  void export_printsTheSubjectsDocument_asTextAndAsJson() {
    Run text = run("disclosure", "export", "--project", project, "--account", account);
    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out()).contains(EMAIL).contains("\"identity\"");

    Run json = run("disclosure", "export", "--project", project, "--account", account, "--json");
    assertThat(json.status()).as(json.err()).isZero();
    JsonObject export = JsonParser.parseString(json.out().strip()).getAsJsonObject();
    assertThat(export.get("document").getAsString()).contains(EMAIL);
  }

  @Test
  @Order(2)
  void ledgerHeadProofAndVerify_showTheLedgerAndVerificationProgress() {
    Run head = run("disclosure", "ledger", "head");
    assertThat(head.status()).as(head.err()).isZero();
    assertThat(head.out()).startsWith("tree size ");

    Run proof = run("disclosure", "ledger", "proof", "--index", "0");
    assertThat(proof.status()).as(proof.err()).isZero();
    assertThat(proof.out()).startsWith("entry 0 of tree size ");

    Run verify = run("disclosure", "ledger", "verify");
    assertThat(verify.status()).as(verify.err()).isZero();
    assertThat(verify.lines().get(0)).matches("\\[[#.]{30}\\] +[0-9.]+% +[0-9,]+ / [0-9,]+ entries .*ETA \\d+s");
    assertThat(verify.lines()).anyMatch(l -> l.contains("100.0%"));
    assertThat(verify.lines().get(verify.lines().size() - 1)).startsWith("VALID: ");

    Run longer = run("disclosure", "ledger", "verify", "--timeout", "2h");
    assertThat(longer.status()).as(longer.err()).isZero();
    Run tooShort = run("disclosure", "ledger", "verify", "--timeout", "1ms");
    assertThat(tooShort.status()).as("a timeout under 100 ms is a usage error: " + tooShort.err()).isEqualTo(2);

    Run json = run("disclosure", "ledger", "verify", "--json");
    List<String> lines = json.lines();
    assertThat(JsonParser.parseString(lines.get(0)).getAsJsonObject().has("treeSize")).isTrue();
    assertThat(JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject().get("valid").getAsBoolean()).isTrue();
  }

  @Test
  @Order(3)
  void recipientsCreateAndList_andPolicyPublish() throws Exception {
    String id = "cli-partner-" + UUID.randomUUID().toString().substring(0, 6);
    Path recipient = Files.writeString(home.resolve("recipient.json"), """
        {"displayName": "CLI partner", "kind": "RECIPIENT_KIND_SERVICE_PARTNER",
         "permittedPurposes": ["PURPOSE_SERVICE_PROVISION"], "permittedCategories": ["DATA_CATEGORY_USER_CONTACT_EMAIL"],
         "noticeEmail": "privacy@partner.example.net"}""");
    Run created = run("disclosure", "recipients", "create", "--id", id, "--from", recipient.toString());
    assertThat(created.status()).as(created.err()).isZero();
    assertThat(created.out()).contains("recipients/" + id);
    Run listed = run("disclosure", "recipients", "list");
    assertThat(listed.status()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("recipients/" + id).contains("CLI partner");

    Path policy = Files.writeString(home.resolve("policy.json"), "{\"text\": \"Policy text for the CLI test.\", \"effectiveDate\": \""
        + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\", \"significant\": false, \"summary\": \"Wording only.\"}");
    Run published = run("disclosure", "policy", "publish", "--id", "cli-" + UUID.randomUUID().toString().substring(0, 6),
        "--from", policy.toString());
    assertThat(published.status()).as(published.err()).isZero();
    assertThat(published.out()).startsWith("published policyVersions/cli-");
  }

  @Test
  @Order(4)
  void keysRotateAndRewrapWatch_endWithEveryKeyRewrapped() {
    Run rotated = run("billing", "keys", "rotate");
    assertThat(rotated.status()).as(rotated.err()).isZero();
    assertThat(rotated.out()).startsWith("primary key version ");
    Run rewrap = run("billing", "keys", "rewrap", "--watch", "--interval", "200ms");
    assertThat(rewrap.status()).as(rewrap.err()).isZero();
    assertThat(rewrap.lines().get(rewrap.lines().size() - 1)).contains("100.0%").endsWith("SUCCEEDED");
  }

  @Test
  @Order(5)
  void eraseAndWatch_completesAcrossTheServices_andDisclosuresListAnswers() {
    Run disclosures = run("disclosure", "disclosures", "list", "--project", project, "--account", account);
    assertThat(disclosures.status()).as(disclosures.err()).isZero();
    assertThat(disclosures.out()).contains("disclosure(s)");

    Run erase = run("disclosure", "erase", "--project", project, "--account", account);
    assertThat(erase.status()).as(erase.err()).isZero();
    String name = erase.out().split(" ")[1];
    Run watched = run("disclosure", "erasure", "status", name, "--watch", "--interval", "200ms");
    assertThat(watched.status()).as(watched.err()).isZero();
    String last = watched.lines().get(watched.lines().size() - 1);
    assertThat(last).startsWith("COMPLETED").contains("identity=").contains("billing=").contains("analytics=");
  }

  @Test
  void badToken_isExitStatus1_withTheReason() {
    Run refused = runRaw("ledger", "head", "--target", "127.0.0.1:" + suite.grpcPort("disclosure"), "--token", "not-the-operator-token");
    assertThat(refused.status()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).startsWith("UNAUTHENTICATED");
    assertThat(refused.err()).doesNotContain("not-the-operator-token");
  }

  @Test
  void wrongPurposeForTheCommand_isExitStatus1_withFieldsOfTheError() {
    Run invalid = run("disclosure", "ledger", "proof", "--index", "-1");
    assertThat(invalid.status()).isEqualTo(ExitCodes.REFUSED);
    assertThat(invalid.err()).startsWith("INVALID_ARGUMENT INVALID_FIELD (disclosure.custody)").contains("leaf_index");
  }

  @Test
  void nothingListening_isExitStatus4() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run unreachable = runRaw("ledger", "head", "--target", "127.0.0.1:" + port, "--token", suite.token("operator"));
    assertThat(unreachable.status()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.err()).startsWith("UNAVAILABLE");
  }

  @Test
  void missingSubject_isExitStatus2() {
    Run usage = runRaw("export", "--project", "projects/x");
    assertThat(usage.status()).isEqualTo(ExitCodes.USAGE);
  }
}
