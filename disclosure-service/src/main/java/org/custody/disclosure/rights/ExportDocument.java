package org.custody.disclosure.rights;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.custody.disclosure.consent.Consent;
import org.custody.disclosure.ledger.InclusionProof;
import org.custody.disclosure.ledger.SignedTreeHead;
import org.custody.disclosure.release.ExportField;
import org.custody.disclosure.release.ExportRecord;
import org.custody.disclosure.release.LeafExport;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.subject.Subject;

/**
 * The subject-access document (schema: docs/subject-export.schema.json): one part per service,
 * each naming the service, each record of a kind, each value labelled with its data category
 * (fideslang key). Disclosure's own part lists consents, released disclosures (with the
 * inclusion proof of the release entry), the mails sent to the subject, and the staff reads of
 * their data (with the inclusion proof of each access entry).
 */
final class ExportDocument {
  static final String FORMAT = "custody.subject-export/v1";
  private static final HexFormat HEX = HexFormat.of();

  private ExportDocument() {}

  static String build(String exportName, Subject subject, Instant createTime, List<LeafExport> leaves, OwnRecords own) {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.addProperty("export", exportName);
    JsonObject who = new JsonObject();
    who.addProperty("project", subject.project());
    subject.account().ifPresent(a -> who.addProperty("account", a));
    subject.email().ifPresent(e -> who.addProperty("email", e));
    root.add("subject", who);
    root.addProperty("create_time", time(createTime));
    JsonArray parts = new JsonArray();
    for (LeafExport leaf : leaves) {
      JsonArray records = new JsonArray();
      for (ExportRecord r : leaf.records()) {
        records.add(record(r.kind(), r.name(), r.fields()));
      }
      parts.add(part(leaf.service(), leaf.exportTime(), records));
    }
    parts.add(part("disclosure", createTime, ownRecords(own)));
    root.add("parts", parts);
    return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(root);
  }

  private static JsonObject part(String service, Instant exportTime, JsonArray records) {
    JsonObject part = new JsonObject();
    part.addProperty("service", service);
    part.addProperty("export_time", time(exportTime));
    part.add("records", records);
    return part;
  }

  private static JsonObject record(String kind, String name, List<ExportField> fields) {
    JsonObject record = new JsonObject();
    record.addProperty("kind", kind);
    record.addProperty("name", name);
    JsonArray values = new JsonArray();
    for (ExportField f : fields) {
      JsonObject value = new JsonObject();
      value.addProperty("name", f.name());
      value.addProperty("category", f.category().fideslangKey());
      value.addProperty("value", f.value());
      values.add(value);
    }
    record.add("fields", values);
    return record;
  }

  private static JsonArray ownRecords(OwnRecords own) {
    JsonArray records = new JsonArray();
    for (Consent c : own.consents()) {
      DataCategory pref = DataCategory.USER_PRIVACY_PREFERENCES;
      List<ExportField> fields = new java.util.ArrayList<>(List.of(
          new ExportField("recipient", pref, "recipients/" + c.recipientId()),
          new ExportField("purposes", pref, sorted(c.purposes().stream().map(Enum::name).toList())),
          new ExportField("categories", pref, sorted(c.categories().stream().map(DataCategory::fideslangKey).toList())),
          new ExportField("policy_version", pref, c.policyVersion()),
          new ExportField("capture_method", pref, c.captureMethod().name()),
          new ExportField("grant_time", pref, time(c.grantTime())),
          new ExportField("grant_ledger_index", pref, String.valueOf(c.grantLedgerIndex()))));
      c.captureReference().ifPresent(r -> fields.add(new ExportField("capture_reference", pref, r)));
      c.expireTime().ifPresent(t -> fields.add(new ExportField("expire_time", pref, time(t))));
      c.revokeTime().ifPresent(t -> fields.add(new ExportField("revoke_time", pref, time(t))));
      records.add(record("consent", c.name(), fields));
    }
    for (OwnRecords.ReleasedDisclosure r : own.disclosures()) {
      var d = r.disclosure();
      DataCategory user = DataCategory.USER;
      JsonObject record = record("disclosure", d.name(), List.of(
          new ExportField("recipient", user, "recipients/" + d.request().recipientId()),
          new ExportField("purpose", user, d.request().purpose().name()),
          new ExportField("basis", user, d.request().basis().name()),
          new ExportField("categories", user, sorted(d.decision().allowedCategories().stream().map(DataCategory::fideslangKey).toList())),
          new ExportField("release_time", user, time(d.release().orElseThrow().time())),
          new ExportField("release_ledger_index", user, String.valueOf(d.release().orElseThrow().ledgerIndex()))));
      record.add("ledger_proof", proof(r.proof(), r.head()));
      records.add(record);
    }
    for (SubjectExportStore.SentMail m : own.mails()) {
      List<ExportField> fields = new java.util.ArrayList<>(List.of(
          new ExportField("to", DataCategory.USER_CONTACT_EMAIL, m.to()),
          new ExportField("topic", DataCategory.USER, m.topic()),
          new ExportField("reference", DataCategory.USER, m.reference()),
          new ExportField("subject", DataCategory.USER_CONTENT_PRIVATE, m.mailSubject()),
          new ExportField("state", DataCategory.USER, m.state().name()),
          new ExportField("create_time", DataCategory.USER, time(m.createTime()))));
      m.deliverTime().ifPresent(t -> fields.add(new ExportField("deliver_time", DataCategory.USER, time(t))));
      records.add(record("mail", "mail/" + m.id(), fields));
    }
    for (OwnRecords.StaffAccessRecord r : own.staffAccesses()) {
      var a = r.access();
      DataCategory user = DataCategory.USER;
      JsonObject record = record("staff_access", "ledger/" + a.ledgerIndex(), List.of(
          new ExportField("caller", user, a.caller()),
          new ExportField("method", user, a.method()),
          new ExportField("purpose", user, a.purpose().name()),
          new ExportField("categories", user, sorted(a.categories().stream().map(DataCategory::fideslangKey).toList())),
          new ExportField("access_time", user, time(a.time())),
          new ExportField("ledger_index", user, String.valueOf(a.ledgerIndex()))));
      record.add("ledger_proof", proof(r.proof(), r.head()));
      records.add(record);
    }
    return records;
  }

  /** An RFC 6962 audit path for the release entry, and the signed head it leads to. */
  private static JsonObject proof(InclusionProof proof, SignedTreeHead head) {
    JsonObject p = new JsonObject();
    p.addProperty("leaf_index", proof.leafIndex());
    p.addProperty("tree_size", proof.treeSize());
    p.addProperty("leaf_hash", HEX.formatHex(proof.leafHash()));
    JsonArray hashes = new JsonArray();
    proof.hashes().forEach(h -> hashes.add(HEX.formatHex(h)));
    p.add("audit_path", hashes);
    JsonObject h = new JsonObject();
    h.addProperty("tree_size", head.treeSize());
    h.addProperty("root_hash", HEX.formatHex(head.rootHash()));
    h.addProperty("timestamp", time(head.timestamp()));
    h.addProperty("signature", HEX.formatHex(head.signature()));
    h.addProperty("key_id", head.keyId());
    p.add("tree_head", h);
    return p;
  }

  private static String sorted(Collection<String> values) {
    return values.stream().sorted().collect(Collectors.joining(","));
  }

  private static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }
}
