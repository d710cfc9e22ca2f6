package org.custody.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.custody.proto.common.v1.EraseSubjectDataResponse;
import org.custody.proto.common.v1.ErasureReceipt;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.CreateAccountResponse;
import org.custody.proto.identity.v1.CreateProjectResponse;
import org.custody.proto.identity.v1.Project;
import org.junit.jupiter.api.Test;

class PersonalValuesTest {
  @Test
  void paths_namesTheSetPersonalFields_atAnyDepth() {
    CreateAccountResponse reply = CreateAccountResponse.newBuilder().setAccount(Account.newBuilder()
        .setName("projects/acme/accounts/a1").setFullName("Jane Roe").setEmail("jane@example.com")).build();
    assertThat(PersonalValues.paths(reply)).containsExactly("account.name", "account.full_name", "account.email");
  }

  @Test
  void paths_replyWithoutPersonalValues_isEmpty() {
    assertThat(PersonalValues.paths(CreateProjectResponse.newBuilder()
        .setProject(Project.newBuilder().setName("projects/acme").setDisplayName("Acme")).build())).isEmpty();
    assertThat(PersonalValues.paths(EraseSubjectDataResponse.newBuilder().setReceipt(ErasureReceipt.newBuilder()
        .setService("identity").setReceiptId("r1").addErased(ErasedItem.newBuilder().setKind("account").setCount(1))).build())).isEmpty();
  }
}
