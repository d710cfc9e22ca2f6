package org.custody.identity.api;

import io.grpc.stub.StreamObserver;
import org.custody.identity.factor.SecondFactors;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.identity.v1.ConfirmTotpEnrollmentRequest;
import org.custody.proto.identity.v1.ConfirmTotpEnrollmentResponse;
import org.custody.proto.identity.v1.DisableTotpRequest;
import org.custody.proto.identity.v1.DisableTotpResponse;
import org.custody.proto.identity.v1.GetSecondFactorsRequest;
import org.custody.proto.identity.v1.GetSecondFactorsResponse;
import org.custody.proto.identity.v1.RegenerateRecoveryCodesRequest;
import org.custody.proto.identity.v1.RegenerateRecoveryCodesResponse;
import org.custody.proto.identity.v1.SecondFactorServiceGrpc;
import org.custody.proto.identity.v1.StartTotpEnrollmentRequest;
import org.custody.proto.identity.v1.StartTotpEnrollmentResponse;

/** The SecondFactorService adapter: TOTP enrolment and recovery codes, by session. */
public final class SecondFactorGrpcService extends SecondFactorServiceGrpc.SecondFactorServiceImplBase {
  private final SecondFactors factors;

  public SecondFactorGrpcService(SecondFactors factors) {
    this.factors = factors;
  }

  @Override
  public void startTotpEnrollment(StartTotpEnrollmentRequest request, StreamObserver<StartTotpEnrollmentResponse> response) {
    SecondFactors.Enrollment enrollment = factors.startTotp(request.getSessionToken());
    response.onNext(StartTotpEnrollmentResponse.newBuilder()
        .setSecret(enrollment.secret())
        .setOtpauthUri(enrollment.otpauthUri())
        .setExpireTime(ProtoTimes.timestamp(enrollment.expireTime()))
        .build());
    response.onCompleted();
  }

  @Override
  public void confirmTotpEnrollment(ConfirmTotpEnrollmentRequest request, StreamObserver<ConfirmTotpEnrollmentResponse> response) {
    response.onNext(ConfirmTotpEnrollmentResponse.newBuilder()
        .addAllRecoveryCodes(factors.confirmTotp(request.getSessionToken(), request.getCode())).build());
    response.onCompleted();
  }

  @Override
  public void disableTotp(DisableTotpRequest request, StreamObserver<DisableTotpResponse> response) {
    factors.disableTotp(request.getSessionToken());
    response.onNext(DisableTotpResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void regenerateRecoveryCodes(RegenerateRecoveryCodesRequest request, StreamObserver<RegenerateRecoveryCodesResponse> response) {
    response.onNext(RegenerateRecoveryCodesResponse.newBuilder()
        .addAllRecoveryCodes(factors.regenerateRecoveryCodes(request.getSessionToken())).build());
    response.onCompleted();
  }

  @Override
  public void getSecondFactors(GetSecondFactorsRequest request, StreamObserver<GetSecondFactorsResponse> response) {
    SecondFactors.Status status = factors.status(request.getSessionToken());
    GetSecondFactorsResponse.Builder builder = GetSecondFactorsResponse.newBuilder()
        .setTotpEnabled(status.totpEnableTime().isPresent())
        .setRecoveryCodesRemaining(status.recoveryCodesRemaining());
    status.totpEnableTime().ifPresent(t -> builder.setTotpEnableTime(ProtoTimes.timestamp(t)));
    response.onNext(builder.build());
    response.onCompleted();
  }
}
