package org.custody.platform.testkit;

import org.custody.platform.db.DatabaseSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: a test class annotated {@code @ExtendWith(FreshDatabase.class)} may take a
 * {@link DatabaseSettings} parameter (in {@code @BeforeAll}, constructors or tests) naming an
 * empty database created for that class and dropped after it.
 */
public final class FreshDatabase implements ParameterResolver, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshDatabase.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DatabaseSettings.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("database",
        k -> TestDatabases.fresh(classContext.getRequiredTestClass().getSimpleName()), DatabaseSettings.class);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    DatabaseSettings settings = context.getStore(NAMESPACE).remove("database", DatabaseSettings.class);
    if (settings != null) {
      TestDatabases.drop(settings);
    }
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
