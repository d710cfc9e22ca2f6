package org.custody.billing.api;

import io.grpc.stub.StreamObserver;
import java.util.List;
import org.custody.billing.payment.PaymentStanding;
import org.custody.platform.api.ResourceNames;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.billing.v1.GetPaymentStandingResponse;

/** The BillingService adapter: validate (done by the interceptor), one domain call, map. */
public final class BillingGrpcService extends BillingServiceGrpc.BillingServiceImplBase {
  private static final String ACCOUNT = "projects/{project}/accounts/{account}";

  private final PaymentStanding standing;

  public BillingGrpcService(PaymentStanding standing) {
    this.standing = standing;
  }

  @Override
  public void getPaymentStanding(GetPaymentStandingRequest request, StreamObserver<GetPaymentStandingResponse> response) {
    List<String> ids = ResourceNames.parse("account", request.getAccount(), ACCOUNT);
    response.onNext(GetPaymentStandingResponse.newBuilder()
        .setHasValidPaymentMethod(standing.hasValidPaymentMethod(ids.get(0), ids.get(1)))
        .build());
    response.onCompleted();
  }
}
