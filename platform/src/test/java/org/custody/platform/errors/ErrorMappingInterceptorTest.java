package org.custody.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.custody.platform.db.WriteConflict;
import org.junit.jupiter.api.Test;

class ErrorMappingInterceptorTest {
  private final ErrorMappingInterceptor mapping = new ErrorMappingInterceptor(new ErrorStatus("custody.test"));

  @Test
  void aWriteConflictNobodyAnsweredIsAbortedSoTheCallerRetries() throws Exception {
    StatusRuntimeException status = mapping.toStatus(new WriteConflict("the request id was recorded concurrently"), "m");

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    ErrorInfo info = StatusProto.fromThrowable(status).getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("WRITE_CONFLICT");
  }

  @Test
  void anUnexpectedFailureIsInternalWithAReferenceAndNoCause() {
    StatusRuntimeException status = mapping.toStatus(new IllegalStateException("secret detail"), "m");

    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getStatus().getDescription()).startsWith("internal error; reference ").doesNotContain("secret");
  }
}
