package org.custody.billing.invoice;

import java.util.ArrayList;
import java.util.List;
import org.custody.billing.crypto.DataCipher;
import org.custody.billing.crypto.FieldCodec;
import org.custody.billing.profile.PostalAddress;

/** Seals and opens an invoice's contents (bill-to snapshot and lines), bound to its row. */
final class InvoiceCodec {
  private static final int FORMAT = 1;

  private InvoiceCodec() {}

  record Contents(BillTo billTo, List<InvoiceLine> lines) {}

  static byte[] seal(DataCipher cipher, String invoiceId, Contents contents) {
    return cipher.seal(plaintext(contents), context(invoiceId));
  }

  static Contents open(DataCipher cipher, String invoiceId, byte[] sealed) {
    return parse(cipher.open(sealed, context(invoiceId)));
  }

  static byte[] plaintext(Contents contents) {
    BillTo b = contents.billTo();
    PostalAddress a = b.address();
    FieldCodec.Writer w = new FieldCodec.Writer(FORMAT)
        .string(b.billingName()).string(b.company())
        .strings(a.lines()).string(a.locality()).string(a.administrativeArea()).string(a.postalCode()).string(a.regionCode())
        .number(contents.lines().size());
    for (InvoiceLine line : contents.lines()) {
      w.string(line.description()).number(line.quantity()).number(line.unitAmountMinor()).number(line.amountMinor());
    }
    return w.toBytes();
  }

  static Contents parse(byte[] plaintext) {
    FieldCodec.Reader r = new FieldCodec.Reader(plaintext);
    if (r.format() != FORMAT) {
      throw new IllegalStateException("unknown invoice format " + r.format());
    }
    String name = r.string();
    String company = r.string();
    PostalAddress address = new PostalAddress(r.strings(), r.string(), r.string(), r.string(), r.string());
    long count = r.number();
    List<InvoiceLine> lines = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      lines.add(new InvoiceLine(r.string(), r.number(), r.number(), r.number()));
    }
    return new Contents(new BillTo(name, company, address), lines);
  }

  static String context(String invoiceId) {
    return "invoices/" + invoiceId + "/contents";
  }
}
