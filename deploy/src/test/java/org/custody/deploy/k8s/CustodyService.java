package org.custody.deploy.k8s;

import java.util.List;
import java.util.Locale;

/** The four services, their ports, and whom each calls (DESIGN.md's call graph). */
enum CustodyService {
  IDENTITY(7001, 9401),
  BILLING(7002, 9402),
  ANALYTICS(7003, 9403),
  DISCLOSURE(7004, 9404);

  private final int grpcPort;
  private final int metricsPort;

  CustodyService(int grpcPort, int metricsPort) {
    this.grpcPort = grpcPort;
    this.metricsPort = metricsPort;
  }

  /** The lowercase name used for the Deployment, Service, labels and SPIFFE id. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  int grpcPort() {
    return grpcPort;
  }

  int metricsPort() {
    return metricsPort;
  }

  /**
   * Disclosure calls the three leaves; billing and analytics call identity (session checks);
   * identity and billing call disclosure (staff reads recorded in the ledger).
   */
  List<CustodyService> calls() {
    return switch (this) {
      case DISCLOSURE -> List.of(IDENTITY, BILLING, ANALYTICS);
      case BILLING -> List.of(IDENTITY, DISCLOSURE);
      case ANALYTICS -> List.of(IDENTITY);
      case IDENTITY -> List.of(DISCLOSURE);
    };
  }

  /** The env var through which a caller is told where {@code this} service is. */
  String targetVariable() {
    return "CUSTODY_" + name() + "_TARGET";
  }

  static CustodyService byId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
