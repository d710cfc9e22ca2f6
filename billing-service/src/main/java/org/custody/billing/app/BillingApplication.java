package org.custody.billing.app;

import java.time.Clock;
import org.custody.billing.api.BillingGrpcService;
import org.custody.billing.payment.PaymentStanding;
import org.custody.billing.store.BillingStores;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;

/** The billing service's composition root. */
public final class BillingApplication {
  public static final String SERVICE = "billing";

  private BillingApplication() {}

  public static ServiceServer start(BillingConfig config, DatabaseSettings database, Clock clock) {
    ServiceRuntime runtime = ServiceRuntime.open(SERVICE, config.common(), database, clock);
    BillingStores stores = new BillingStores(runtime.database().dsl());
    return runtime.serverBuilder()
        .addService(new BillingGrpcService(new PaymentStanding(stores.paymentMethods(), clock)))
        // Implemented by the billing issue; UNIMPLEMENTED until then.
        .addService(new BillingKeyServiceGrpc.BillingKeyServiceImplBase() {})
        .addService(new SubjectDataServiceGrpc.SubjectDataServiceImplBase() {})
        .start();
  }
}
