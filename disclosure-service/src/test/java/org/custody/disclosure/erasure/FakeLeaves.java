package org.custody.disclosure.erasure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custody.platform.classification.DataCategory;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.subject.Subject;

/**
 * Identity, billing and analytics as the saga sees them: each erases once per step request id
 * (a repeat returns the first receipt), billing keeps invoices, and any of them can be taken down.
 */
final class FakeLeaves implements LeafErasures {
  /** One call to erase, as the leaf saw it. */
  record Call(String service, String requestId, boolean answered) {}

  final List<Call> calls = new ArrayList<>();
  final Set<String> down = new HashSet<>();
  RuntimeException unexpected;
  int addressLookups;
  private final Map<String, ServiceReceipt> receipts = new HashMap<>();
  private final Clock clock;

  FakeLeaves(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<String> services() {
    return List.of("identity", "billing", "analytics");
  }

  @Override
  public synchronized ServiceReceipt erase(String service, Subject subject, String requestId, String erasureName) {
    if (unexpected != null) {
      calls.add(new Call(service, requestId, false));
      throw unexpected;
    }
    if (down.contains(service)) {
      calls.add(new Call(service, requestId, false));
      throw DomainException.of(ErrorKind.UNAVAILABLE, "LEAF_UNAVAILABLE", service + " is unavailable");
    }
    calls.add(new Call(service, requestId, true));
    return receipts.computeIfAbsent(requestId, id -> receipt(service, id));
  }

  private ServiceReceipt receipt(String service, String requestId) {
    List<ServiceReceipt.Kept> kept = service.equals("billing") ? List.of(new ServiceReceipt.Kept("invoice", 2, "tax law",
        Optional.of(clock.instant().plusSeconds(10L * 365 * 86400)), List.of(DataCategory.USER_NAME))) : List.of();
    return new ServiceReceipt(service + "-" + requestId, clock.instant(), List.of(new ServiceReceipt.Erased("record", 1)), kept);
  }

  @Override
  public synchronized Optional<ReceiptAddress> receiptAddress(Subject subject) {
    addressLookups++;
    return Optional.of(new ReceiptAddress("ann@example.org", Optional.of("Ann")));
  }

  /** How often {@code service} was asked, answered or not. */
  synchronized long callsTo(String service) {
    return calls.stream().filter(c -> c.service().equals(service)).count();
  }
}
