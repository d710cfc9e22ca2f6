package org.custody.billing.api;

import static org.custody.platform.api.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import org.custody.billing.invoice.Invoice;
import org.custody.billing.invoice.Invoices;
import org.custody.billing.payment.PaymentMethod;
import org.custody.billing.payment.PaymentMethods;
import org.custody.billing.payment.PaymentStanding;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.profile.BillingProfiles;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.PageTokens;
import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.idempotency.Idempotency;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.CreateBillingProfileResponse;
import org.custody.proto.billing.v1.CreateInvoiceRequest;
import org.custody.proto.billing.v1.CreateInvoiceResponse;
import org.custody.proto.billing.v1.CreatePaymentMethodRequest;
import org.custody.proto.billing.v1.CreatePaymentMethodResponse;
import org.custody.proto.billing.v1.DeleteBillingProfileRequest;
import org.custody.proto.billing.v1.DeleteBillingProfileResponse;
import org.custody.proto.billing.v1.DeletePaymentMethodRequest;
import org.custody.proto.billing.v1.DeletePaymentMethodResponse;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetBillingProfileResponse;
import org.custody.proto.billing.v1.GetInvoiceRequest;
import org.custody.proto.billing.v1.GetInvoiceResponse;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.billing.v1.GetPaymentStandingResponse;
import org.custody.proto.billing.v1.ListBillingProfilesRequest;
import org.custody.proto.billing.v1.ListBillingProfilesResponse;
import org.custody.proto.billing.v1.ListInvoicesRequest;
import org.custody.proto.billing.v1.ListInvoicesResponse;
import org.custody.proto.billing.v1.ListPaymentMethodsRequest;
import org.custody.proto.billing.v1.ListPaymentMethodsResponse;
import org.custody.proto.billing.v1.SetDefaultPaymentMethodRequest;
import org.custody.proto.billing.v1.SetDefaultPaymentMethodResponse;
import org.custody.proto.billing.v1.UpdateBillingProfileRequest;
import org.custody.proto.billing.v1.UpdateBillingProfileResponse;
import org.custody.proto.billing.v1.UpdateInvoiceStatusRequest;
import org.custody.proto.billing.v1.UpdateInvoiceStatusResponse;

/** The BillingService adapter: validate (interceptors and the domain), one domain call, map. */
public final class BillingGrpcService extends BillingServiceGrpc.BillingServiceImplBase {
  private static final int DEFAULT_PAGE_SIZE = 50;

  private final PageTokens pageTokens;
  private final BillingProfiles profiles;
  private final PaymentMethods paymentMethods;
  private final Invoices invoices;
  private final PaymentStanding standing;
  private final Idempotency idempotency;

  public BillingGrpcService(BillingProfiles profiles, PaymentMethods paymentMethods, Invoices invoices, PaymentStanding standing,
      Idempotency idempotency, PageTokens pageTokens) {
    this.pageTokens = pageTokens;
    this.profiles = profiles;
    this.paymentMethods = paymentMethods;
    this.invoices = invoices;
    this.standing = standing;
    this.idempotency = idempotency;
  }

  @Override
  public void createBillingProfile(CreateBillingProfileRequest request, StreamObserver<CreateBillingProfileResponse> response) {
    AccountName subject = Names.account("parent", request.getParent());
    BillingProfile profile = idempotency.executeByReference(request.getRequestId(), request,
        () -> profiles.create(subject, ProfileMapper.details(request.getBillingProfile())),
        BillingProfile::name,
        name -> {
          Names.Child c = Names.child("name", name, Names.BILLING_PROFILE);
          return profiles.get(c.subject(), c.id());
        });
    reply(response, CreateBillingProfileResponse.newBuilder().setBillingProfile(ProfileMapper.toProto(profile)).build());
  }

  @Override
  public void getBillingProfile(GetBillingProfileRequest request, StreamObserver<GetBillingProfileResponse> response) {
    Names.Child c = Names.child("name", request.getName(), Names.BILLING_PROFILE);
    reply(response, GetBillingProfileResponse.newBuilder().setBillingProfile(ProfileMapper.toProto(profiles.get(c.subject(), c.id()))).build());
  }

  @Override
  public void listBillingProfiles(ListBillingProfilesRequest request, StreamObserver<ListBillingProfilesResponse> response) {
    AccountName subject = Names.account("parent", request.getParent());
    Slice<BillingProfile> page = profiles.list(subject, pageTokens.cursor(request),
        PageTokens.size(request.getPageSize(), DEFAULT_PAGE_SIZE));
    ListBillingProfilesResponse.Builder b = ListBillingProfilesResponse.newBuilder();
    page.items().forEach(p -> b.addBillingProfiles(ProfileMapper.toProto(p)));
    page.nextCursor().ifPresent(c -> b.setNextPageToken(pageTokens.next(request, c)));
    reply(response, b.build());
  }

  @Override
  public void updateBillingProfile(UpdateBillingProfileRequest request, StreamObserver<UpdateBillingProfileResponse> response) {
    Names.Child c = Names.child("billing_profile.name", request.getBillingProfile().getName(), Names.BILLING_PROFILE);
    BillingProfile updated = profiles.update(c.subject(), c.id(),
        ProfileMapper.changes(request.getBillingProfile(), request.getUpdateMask()));
    reply(response, UpdateBillingProfileResponse.newBuilder().setBillingProfile(ProfileMapper.toProto(updated)).build());
  }

  @Override
  public void deleteBillingProfile(DeleteBillingProfileRequest request, StreamObserver<DeleteBillingProfileResponse> response) {
    Names.Child c = Names.child("name", request.getName(), Names.BILLING_PROFILE);
    profiles.delete(c.subject(), c.id());
    reply(response, DeleteBillingProfileResponse.getDefaultInstance());
  }

  @Override
  public void createPaymentMethod(CreatePaymentMethodRequest request, StreamObserver<CreatePaymentMethodResponse> response) {
    AccountName subject = Names.account("parent", request.getParent());
    PaymentMethod method = idempotency.executeByReference(request.getRequestId(), request,
        () -> paymentMethods.create(subject, PaymentMethodMapper.newMethod(request)),
        PaymentMethod::name,
        name -> {
          Names.Child c = Names.child("name", name, Names.PAYMENT_METHOD);
          return paymentMethods.get(c.subject(), c.id());
        });
    reply(response, CreatePaymentMethodResponse.newBuilder().setPaymentMethod(PaymentMethodMapper.toProto(method)).build());
  }

  @Override
  public void listPaymentMethods(ListPaymentMethodsRequest request, StreamObserver<ListPaymentMethodsResponse> response) {
    AccountName subject = Names.account("parent", request.getParent());
    Slice<PaymentMethod> page = paymentMethods.list(subject, pageTokens.cursor(request),
        PageTokens.size(request.getPageSize(), DEFAULT_PAGE_SIZE));
    ListPaymentMethodsResponse.Builder b = ListPaymentMethodsResponse.newBuilder();
    page.items().forEach(m -> b.addPaymentMethods(PaymentMethodMapper.toProto(m)));
    page.nextCursor().ifPresent(c -> b.setNextPageToken(pageTokens.next(request, c)));
    reply(response, b.build());
  }

  @Override
  public void setDefaultPaymentMethod(SetDefaultPaymentMethodRequest request, StreamObserver<SetDefaultPaymentMethodResponse> response) {
    Names.Child c = Names.child("name", request.getName(), Names.PAYMENT_METHOD);
    reply(response, SetDefaultPaymentMethodResponse.newBuilder()
        .setPaymentMethod(PaymentMethodMapper.toProto(paymentMethods.setDefault(c.subject(), c.id()))).build());
  }

  @Override
  public void deletePaymentMethod(DeletePaymentMethodRequest request, StreamObserver<DeletePaymentMethodResponse> response) {
    Names.Child c = Names.child("name", request.getName(), Names.PAYMENT_METHOD);
    paymentMethods.delete(c.subject(), c.id());
    reply(response, DeletePaymentMethodResponse.getDefaultInstance());
  }

  @Override
  public void getPaymentStanding(GetPaymentStandingRequest request, StreamObserver<GetPaymentStandingResponse> response) {
    AccountName subject = Names.account("account", request.getAccount());
    reply(response, GetPaymentStandingResponse.newBuilder()
        .setHasValidPaymentMethod(standing.hasValidPaymentMethod(subject.projectId(), subject.accountId()))
        .build());
  }

  @Override
  public void createInvoice(CreateInvoiceRequest request, StreamObserver<CreateInvoiceResponse> response) {
    AccountName subject = Names.account("parent", request.getParent());
    Names.Child profile = Names.child("billing_profile", request.getBillingProfile(), Names.BILLING_PROFILE);
    if (!profile.subject().equals(subject)) {
      throw DomainException.invalidField("billing_profile", "must be a billing profile of the parent account");
    }
    Invoice invoice = idempotency.executeByReference(request.getRequestId(), request,
        () -> invoices.create(subject, InvoiceMapper.newInvoice(profile.id(), request)),
        Invoice::name,
        name -> {
          Names.Child c = Names.child("name", name, Names.INVOICE);
          return invoices.get(c.subject(), c.id());
        });
    reply(response, CreateInvoiceResponse.newBuilder().setInvoice(InvoiceMapper.toProto(invoice)).build());
  }

  @Override
  public void getInvoice(GetInvoiceRequest request, StreamObserver<GetInvoiceResponse> response) {
    Names.Child c = Names.child("name", request.getName(), Names.INVOICE);
    reply(response, GetInvoiceResponse.newBuilder().setInvoice(InvoiceMapper.toProto(invoices.get(c.subject(), c.id()))).build());
  }

  @Override
  public void listInvoices(ListInvoicesRequest request, StreamObserver<ListInvoicesResponse> response) {
    AccountName subject = Names.account("parent", request.getParent());
    Slice<Invoice> page = invoices.list(subject, pageTokens.cursor(request),
        PageTokens.size(request.getPageSize(), DEFAULT_PAGE_SIZE));
    ListInvoicesResponse.Builder b = ListInvoicesResponse.newBuilder();
    page.items().forEach(i -> b.addInvoices(InvoiceMapper.toProto(i)));
    page.nextCursor().ifPresent(c -> b.setNextPageToken(pageTokens.next(request, c)));
    reply(response, b.build());
  }

  @Override
  public void updateInvoiceStatus(UpdateInvoiceStatusRequest request, StreamObserver<UpdateInvoiceStatusResponse> response) {
    Names.Child c = Names.child("name", request.getName(), Names.INVOICE);
    Invoice updated = invoices.updateStatus(c.subject(), c.id(), InvoiceMapper.status(request.getStatus()));
    reply(response, UpdateInvoiceStatusResponse.newBuilder().setInvoice(InvoiceMapper.toProto(updated)).build());
  }
}
