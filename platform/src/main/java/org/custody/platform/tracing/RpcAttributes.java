package org.custody.platform.tracing;

import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;

/** The span attributes Custody sets: OpenTelemetry's RPC conventions plus caller and purpose. */
final class RpcAttributes {
  private RpcAttributes() {}

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<Long> GRPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
  static final AttributeKey<String> SERVER = AttributeKey.stringKey("custody.service");
  static final AttributeKey<String> CALLER = AttributeKey.stringKey("custody.caller");
  static final AttributeKey<String> PURPOSE = AttributeKey.stringKey("custody.purpose");

  /** Codes that mean the server failed, not that it refused a caller or a request. */
  static boolean isServerError(Status.Code code) {
    return switch (code) {
      case UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS -> true;
      default -> false;
    };
  }
}
