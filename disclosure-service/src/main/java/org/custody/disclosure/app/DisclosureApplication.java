package org.custody.disclosure.app;

import java.time.Clock;
import org.custody.disclosure.api.RecipientGrpcService;
import org.custody.disclosure.recipient.Recipients;
import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.PolicyServiceGrpc;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;

/** The disclosure service's composition root. */
public final class DisclosureApplication {
  public static final String SERVICE = "disclosure";

  private DisclosureApplication() {}

  public static ServiceServer start(DisclosureConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    DisclosureStores stores = new DisclosureStores(runtime.database().dsl());
    return runtime.serverBuilder()
        .addService(new RecipientGrpcService(new Recipients(stores.recipients(), clock), runtime.idempotency()))
        // Implemented by the disclosure and subject-rights issues; UNIMPLEMENTED until then.
        .addService(new ConsentServiceGrpc.ConsentServiceImplBase() {})
        .addService(new DisclosureServiceGrpc.DisclosureServiceImplBase() {})
        .addService(new LedgerServiceGrpc.LedgerServiceImplBase() {})
        .addService(new SubjectRightsServiceGrpc.SubjectRightsServiceImplBase() {})
        .addService(new PolicyServiceGrpc.PolicyServiceImplBase() {})
        .start();
  }
}
