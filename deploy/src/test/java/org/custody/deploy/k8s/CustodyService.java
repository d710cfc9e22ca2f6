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

  /** The leaves call nobody; disclosure calls the three leaves. */
  List<CustodyService> calls() {
    return this == DISCLOSURE ? List.of(IDENTITY, BILLING, ANALYTICS) : List.of();
  }

  /** The env var through which disclosure is told where {@code this} service is. */
  String targetVariable() {
    return "CUSTODY_" + name() + "_TARGET";
  }

  static CustodyService byId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
