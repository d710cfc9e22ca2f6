package org.custody.deploy.demo;

import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.util.List;
import org.custody.deploy.Suite;

/**
 * The policy, clause by clause, against the running suite. Returns the clauses whose answer was
 * not what the clause demands (empty when the product works).
 */
public final class Walkthrough {
  private Walkthrough() {}

  /** A step that may call the suite. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  public static List<String> run(Suite suite, PrintStream out) {
    Narrator narrator = new Narrator(out);
    try (DemoClients clients = new DemoClients(suite)) {
      DemoContext context = new DemoContext(clients, narrator, suite.mail());
      IdentityClauses identity = new IdentityClauses(context);
      BillingClauses billing = new BillingClauses(context);
      AnalyticsClauses analytics = new AnalyticsClauses(context);
      DisclosureClauses disclosure = new DisclosureClauses(context);
      RightsClauses rights = new RightsClauses(context);
      out.println("Custody walks through its privacy policy, clause by clause, on project site " + context.project + ".");
      identity.setUp();
      // P13 comes last: it erases the demo subject the other clauses use.
      List<Step> steps = List.of(identity::p1Contacts, identity::p2Registration, billing::p3Billing, analytics::p4PageStatistics,
          analytics::p5Surveys, analytics::p6Purposes, disclosure::p7NeverSold, disclosure::p8Consent, disclosure::p9Investigations,
          disclosure::p10Acquisition, disclosure::p11Processors, identity::p12Sessions, rights::p14PolicyNotices,
          identity::p15Protection, rights::p13SubjectRights);
      for (Step step : steps) {
        try {
          step.run();
        } catch (StatusRuntimeException e) {
          narrator.unexpected("the call failed: " + Narrator.describe(e));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          narrator.unexpected("interrupted");
          break;
        } catch (Exception e) {
          narrator.unexpected("the step failed: " + e.getClass().getSimpleName());
        }
      }
    }
    out.printf("%n%d clauses walked through; %s%n", narrator.clauses(),
        narrator.failures().isEmpty() ? "every answer was what the policy demands." : narrator.failures().size() + " unexpected answers:");
    narrator.failures().forEach(f -> out.println("  - " + f));
    return narrator.failures();
  }
}
