package org.custody.identity.app;

import java.time.Clock;
import org.custody.identity.api.IdentityGrpcService;
import org.custody.identity.project.Projects;
import org.custody.identity.store.IdentityStores;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.identity.v1.SessionServiceGrpc;

/** The identity service's composition root: constructors only, no container. */
public final class IdentityApplication {
  public static final String SERVICE = "identity";

  private IdentityApplication() {}

  /** Starts the service on {@code database} (migrating it) and returns the running server. */
  public static ServiceServer start(IdentityConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    IdentityStores stores = new IdentityStores(runtime.database().dsl());
    Projects projects = new Projects(stores.projects(), clock);
    return runtime.serverBuilder()
        .addService(new IdentityGrpcService(projects, runtime.idempotency()))
        // Implemented by the identity issue; UNIMPLEMENTED until then.
        .addService(new SessionServiceGrpc.SessionServiceImplBase() {})
        .addService(new SubjectDataServiceGrpc.SubjectDataServiceImplBase() {})
        .start();
  }
}
