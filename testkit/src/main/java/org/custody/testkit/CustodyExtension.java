package org.custody.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole Custody suite (identity, billing, analytics, disclosure) in the test's JVM, on
 * free ports, with an embedded MariaDB under a temporary directory, once per test run (the first
 * test class that asks starts it; the end of the run stops it and deletes its data). Test methods
 * and lifecycle methods take a {@link RunningCustody} parameter.
 *
 * <pre>{@code
 * @ExtendWith(CustodyExtension.class)
 * class SignUpTest {
 *   @Test
 *   void newUserCanLogIn(RunningCustody custody) {
 *     Fixtures.Account account = custody.fixtures().account(custody.fixtures().project());
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class CustodyExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CustodyExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningCustody.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context);
  }

  private static RunningCustody running(ExtensionContext context) {
    // The root store lives for the whole run and closes what it holds at its end.
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningCustody.class, key -> RunningCustody.start(),
        RunningCustody.class);
  }
}
