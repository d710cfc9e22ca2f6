package org.custody.analytics.api;

import io.grpc.stub.StreamObserver;
import org.custody.analytics.budget.PrivacyBudget;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.platform.api.ResourceNames;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.GetPrivacyBudgetRequest;
import org.custody.proto.analytics.v1.GetPrivacyBudgetResponse;

/** The AnalyticsService adapter: validate (done by the interceptor), one domain call, map. */
public final class AnalyticsGrpcService extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
  private final PrivacyBudgets budgets;

  public AnalyticsGrpcService(PrivacyBudgets budgets) {
    this.budgets = budgets;
  }

  @Override
  public void getPrivacyBudget(GetPrivacyBudgetRequest request, StreamObserver<GetPrivacyBudgetResponse> response) {
    PrivacyBudget budget = budgets.today(ResourceNames.id("project", request.getProject(), "projects/{project}"));
    response.onNext(GetPrivacyBudgetResponse.newBuilder()
        .setDate(budget.date().toString())
        .setTotalEpsilon(budget.totalEpsilon())
        .setSpentEpsilon(budget.spentEpsilon())
        .setRemainingEpsilon(budget.remainingEpsilon())
        .build());
    response.onCompleted();
  }
}
