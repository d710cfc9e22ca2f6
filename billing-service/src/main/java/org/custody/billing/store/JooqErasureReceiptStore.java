package org.custody.billing.store;

import static org.custody.billing.store.generated.Tables.ERASURE_RECEIPTS;
import static org.custody.billing.store.generated.Tables.ERASURE_RECEIPT_ITEMS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.custody.billing.store.generated.tables.records.ErasureReceiptItemsRecord;
import org.custody.billing.store.generated.tables.records.ErasureReceiptsRecord;
import org.custody.billing.subject.ErasureReceiptStore;
import org.custody.platform.api.AccountName;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.db.ThreadBoundTransactions;
import org.custody.platform.subject.ErasureReceipt;

final class JooqErasureReceiptStore implements ErasureReceiptStore {
  private final ThreadBoundTransactions db;

  JooqErasureReceiptStore(ThreadBoundTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(AccountName subject, ErasureReceipt receipt) {
    db.dsl().insertInto(ERASURE_RECEIPTS)
        .set(ERASURE_RECEIPTS.ID, receipt.id())
        .set(ERASURE_RECEIPTS.PROJECT_ID, subject.projectId())
        .set(ERASURE_RECEIPTS.ACCOUNT_ID, subject.accountId())
        .set(ERASURE_RECEIPTS.ERASURE, receipt.erasure().orElse(""))
        .set(ERASURE_RECEIPTS.ERASE_TIME, receipt.eraseTime())
        .execute();
    int index = 0;
    for (ErasureReceipt.Erased item : receipt.erased()) {
      db.dsl().insertInto(ERASURE_RECEIPT_ITEMS)
          .set(ERASURE_RECEIPT_ITEMS.RECEIPT_ID, receipt.id())
          .set(ERASURE_RECEIPT_ITEMS.ITEM_INDEX, index++)
          .set(ERASURE_RECEIPT_ITEMS.KIND, item.kind())
          .set(ERASURE_RECEIPT_ITEMS.ITEM_COUNT, item.count())
          .set(ERASURE_RECEIPT_ITEMS.RETAINED, false)
          .execute();
    }
    for (ErasureReceipt.Retained item : receipt.retained()) {
      db.dsl().insertInto(ERASURE_RECEIPT_ITEMS)
          .set(ERASURE_RECEIPT_ITEMS.RECEIPT_ID, receipt.id())
          .set(ERASURE_RECEIPT_ITEMS.ITEM_INDEX, index++)
          .set(ERASURE_RECEIPT_ITEMS.KIND, item.kind())
          .set(ERASURE_RECEIPT_ITEMS.ITEM_COUNT, item.count())
          .set(ERASURE_RECEIPT_ITEMS.RETAINED, true)
          .set(ERASURE_RECEIPT_ITEMS.LEGAL_BASIS, item.legalBasis())
          .set(ERASURE_RECEIPT_ITEMS.PURGE_TIME, item.purgeTime())
          .set(ERASURE_RECEIPT_ITEMS.CATEGORIES, item.categories().stream().map(Enum::name).collect(Collectors.joining(",")))
          .execute();
    }
  }

  @Override
  public Optional<ErasureReceipt> latest(AccountName subject) {
    Optional<ErasureReceiptsRecord> receipt = db.dsl().selectFrom(ERASURE_RECEIPTS)
        .where(ERASURE_RECEIPTS.PROJECT_ID.eq(subject.projectId()), ERASURE_RECEIPTS.ACCOUNT_ID.eq(subject.accountId()))
        .orderBy(ERASURE_RECEIPTS.ERASE_TIME.desc(), ERASURE_RECEIPTS.ID.desc()).limit(1)
        .fetchOptional();
    return receipt.map(this::withItems);
  }

  private ErasureReceipt withItems(ErasureReceiptsRecord r) {
    List<ErasureReceipt.Erased> erased = new ArrayList<>();
    List<ErasureReceipt.Retained> retained = new ArrayList<>();
    for (ErasureReceiptItemsRecord item : db.dsl().selectFrom(ERASURE_RECEIPT_ITEMS)
        .where(ERASURE_RECEIPT_ITEMS.RECEIPT_ID.eq(r.getId())).orderBy(ERASURE_RECEIPT_ITEMS.ITEM_INDEX).fetch()) {
      if (item.getRetained()) {
        List<DataCategory> categories = item.getCategories() == null || item.getCategories().isEmpty() ? List.of()
            : Arrays.stream(item.getCategories().split(",")).map(DataCategory::valueOf).toList();
        retained.add(new ErasureReceipt.Retained(item.getKind(), item.getItemCount(), item.getLegalBasis(), item.getPurgeTime(), categories));
      } else {
        erased.add(new ErasureReceipt.Erased(item.getKind(), item.getItemCount()));
      }
    }
    Optional<String> erasure = r.getErasure().isEmpty() ? Optional.empty() : Optional.of(r.getErasure());
    return new ErasureReceipt(r.getId(), erasure, r.getEraseTime(), erased, retained);
  }
}
