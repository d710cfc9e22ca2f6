package org.custody.identity.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import org.custody.identity.factor.Passkeys;
import org.custody.identity.factor.SecondFactors;
import org.custody.identity.factor.WebAuthnCredential;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.identity.v1.ConfirmTotpEnrollmentRequest;
import org.custody.proto.identity.v1.ConfirmTotpEnrollmentResponse;
import org.custody.proto.identity.v1.DeleteWebAuthnCredentialRequest;
import org.custody.proto.identity.v1.DeleteWebAuthnCredentialResponse;
import org.custody.proto.identity.v1.DisableTotpRequest;
import org.custody.proto.identity.v1.DisableTotpResponse;
import org.custody.proto.identity.v1.FinishWebAuthnRegistrationRequest;
import org.custody.proto.identity.v1.FinishWebAuthnRegistrationResponse;
import org.custody.proto.identity.v1.GetSecondFactorsRequest;
import org.custody.proto.identity.v1.GetSecondFactorsResponse;
import org.custody.proto.identity.v1.RegenerateRecoveryCodesRequest;
import org.custody.proto.identity.v1.RegenerateRecoveryCodesResponse;
import org.custody.proto.identity.v1.SecondFactorServiceGrpc;
import org.custody.proto.identity.v1.StartTotpEnrollmentRequest;
import org.custody.proto.identity.v1.StartTotpEnrollmentResponse;
import org.custody.proto.identity.v1.StartWebAuthnRegistrationRequest;
import org.custody.proto.identity.v1.StartWebAuthnRegistrationResponse;

/** The SecondFactorService adapter: TOTP enrolment, recovery codes and WebAuthn authenticators, by session. */
public final class SecondFactorGrpcService extends SecondFactorServiceGrpc.SecondFactorServiceImplBase {
  private final SecondFactors factors;
  private final Passkeys passkeys;

  public SecondFactorGrpcService(SecondFactors factors, Passkeys passkeys) {
    this.factors = factors;
    this.passkeys = passkeys;
  }

  @Override
  public void startTotpEnrollment(StartTotpEnrollmentRequest request, StreamObserver<StartTotpEnrollmentResponse> response) {
    SecondFactors.Enrollment enrollment = factors.startTotp(request.getSessionToken());
    reply(response, StartTotpEnrollmentResponse.newBuilder()
        .setSecret(enrollment.secret())
        .setOtpauthUri(enrollment.otpauthUri())
        .setExpireTime(ProtoTimes.timestamp(enrollment.expireTime()))
        .build());
  }

  @Override
  public void confirmTotpEnrollment(ConfirmTotpEnrollmentRequest request, StreamObserver<ConfirmTotpEnrollmentResponse> response) {
    reply(response, ConfirmTotpEnrollmentResponse.newBuilder()
        .addAllRecoveryCodes(factors.confirmTotp(request.getSessionToken(), request.getCode())).build());
  }

  @Override
  public void disableTotp(DisableTotpRequest request, StreamObserver<DisableTotpResponse> response) {
    factors.disableTotp(request.getSessionToken());
    reply(response, DisableTotpResponse.getDefaultInstance());
  }

  @Override
  public void regenerateRecoveryCodes(RegenerateRecoveryCodesRequest request, StreamObserver<RegenerateRecoveryCodesResponse> response) {
    reply(response, RegenerateRecoveryCodesResponse.newBuilder()
        .addAllRecoveryCodes(factors.regenerateRecoveryCodes(request.getSessionToken())).build());
  }

  @Override
  public void getSecondFactors(GetSecondFactorsRequest request, StreamObserver<GetSecondFactorsResponse> response) {
    SecondFactors.Status status = factors.status(request.getSessionToken());
    GetSecondFactorsResponse.Builder builder = GetSecondFactorsResponse.newBuilder()
        .setTotpEnabled(status.totpEnableTime().isPresent())
        .setRecoveryCodesRemaining(status.recoveryCodesRemaining());
    status.totpEnableTime().ifPresent(t -> builder.setTotpEnableTime(ProtoTimes.timestamp(t)));
    status.passkeys().forEach(c -> builder.addWebauthnCredentials(credential(c)));
    reply(response, builder.build());
  }

  @Override
  public void startWebAuthnRegistration(StartWebAuthnRegistrationRequest request, StreamObserver<StartWebAuthnRegistrationResponse> response) {
    reply(response, StartWebAuthnRegistrationResponse.newBuilder()
        .setCreationOptionsJson(passkeys.startRegistration(request.getSessionToken())).build());
  }

  @Override
  public void finishWebAuthnRegistration(FinishWebAuthnRegistrationRequest request, StreamObserver<FinishWebAuthnRegistrationResponse> response) {
    reply(response, FinishWebAuthnRegistrationResponse.newBuilder().setCredential(credential(passkeys.finishRegistration(
        request.getSessionToken(), request.getRegistrationResponseJson(), request.getDisplayName()))).build());
  }

  @Override
  public void deleteWebAuthnCredential(DeleteWebAuthnCredentialRequest request, StreamObserver<DeleteWebAuthnCredentialResponse> response) {
    passkeys.delete(request.getSessionToken(), request.getCredentialId());
    reply(response, DeleteWebAuthnCredentialResponse.getDefaultInstance());
  }

  private static org.custody.proto.identity.v1.WebAuthnCredential credential(WebAuthnCredential c) {
    var builder = org.custody.proto.identity.v1.WebAuthnCredential.newBuilder()
        .setCredentialId(Passkeys.id(c.credentialId()))
        .setDisplayName(c.displayName())
        .setCreateTime(ProtoTimes.timestamp(c.createTime()));
    c.lastUseTime().ifPresent(t -> builder.setLastUseTime(ProtoTimes.timestamp(t)));
    return builder.build();
  }
}
