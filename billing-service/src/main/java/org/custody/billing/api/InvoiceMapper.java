package org.custody.billing.api;

import java.util.Optional;
import org.custody.billing.invoice.Invoice;
import org.custody.billing.invoice.InvoiceLine;
import org.custody.billing.invoice.InvoiceStatus;
import org.custody.billing.invoice.NewInvoice;
import org.custody.platform.api.ProtoTimes;
import org.custody.proto.billing.v1.BillTo;
import org.custody.proto.billing.v1.CreateInvoiceRequest;
import org.custody.proto.billing.v1.InvoiceLineItem;

/** Invoices between the contract and the domain. */
final class InvoiceMapper {
  private InvoiceMapper() {}

  static NewInvoice newInvoice(String billingProfileId, CreateInvoiceRequest request) {
    return new NewInvoice(billingProfileId, request.getCurrencyCode(),
        request.getIssueDate().isEmpty() ? Optional.empty() : Optional.of(request.getIssueDate()),
        request.getLineItemsList().stream()
            .map(l -> new NewInvoice.Line(l.getDescription(), l.getQuantity(), l.getUnitAmountMinor()))
            .toList());
  }

  static org.custody.proto.billing.v1.Invoice toProto(Invoice invoice) {
    org.custody.proto.billing.v1.Invoice.Builder b = org.custody.proto.billing.v1.Invoice.newBuilder()
        .setName(invoice.name())
        .setInvoiceNumber(invoice.invoiceNumber())
        .setIssueDate(invoice.issueDate().toString())
        .setCurrencyCode(invoice.currencyCode())
        .setTotalMinor(invoice.totalMinor())
        .setStatus(status(invoice.status()))
        .setBillTo(BillTo.newBuilder()
            .setBillingName(invoice.billTo().billingName())
            .setCompany(invoice.billTo().company())
            .setAddress(ProfileMapper.toProto(invoice.billTo().address())))
        .setRetainUntilTime(ProtoTimes.timestamp(invoice.retainUntil()))
        .setCreateTime(ProtoTimes.timestamp(invoice.createTime()));
    for (InvoiceLine line : invoice.lines()) {
      b.addLineItems(InvoiceLineItem.newBuilder()
          .setDescription(line.description())
          .setQuantity(line.quantity())
          .setUnitAmountMinor(line.unitAmountMinor())
          .setAmountMinor(line.amountMinor()));
    }
    return b.build();
  }

  static org.custody.proto.billing.v1.InvoiceStatus status(InvoiceStatus status) {
    return org.custody.proto.billing.v1.InvoiceStatus.valueOf("INVOICE_STATUS_" + status.name());
  }

  static InvoiceStatus status(org.custody.proto.billing.v1.InvoiceStatus proto) {
    return InvoiceStatus.valueOf(proto.name().substring("INVOICE_STATUS_".length()));
  }
}
