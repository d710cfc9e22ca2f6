package org.custody.billing.api;

import com.google.protobuf.FieldMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custody.billing.profile.BillingProfile;
import org.custody.billing.profile.PostalAddress;
import org.custody.billing.profile.ProfileChanges;
import org.custody.billing.profile.ProfileDetails;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/** Billing profiles between the contract and the domain. */
final class ProfileMapper {
  private static final List<String> UPDATABLE = List.of("billing_name", "company", "billing_email", "address");

  private ProfileMapper() {}

  static ProfileDetails details(org.custody.proto.billing.v1.BillingProfile proto) {
    return new ProfileDetails(proto.getBillingName(), proto.getCompany(), proto.getBillingEmail(),
        proto.hasAddress() ? address(proto.getAddress()) : null);
  }

  static PostalAddress address(org.custody.proto.billing.v1.PostalAddress proto) {
    return new PostalAddress(proto.getAddressLinesList(), proto.getLocality(), proto.getAdministrativeArea(), proto.getPostalCode(),
        proto.getRegionCode());
  }

  static org.custody.proto.billing.v1.PostalAddress toProto(PostalAddress address) {
    return org.custody.proto.billing.v1.PostalAddress.newBuilder()
        .addAllAddressLines(address.lines())
        .setLocality(address.locality())
        .setAdministrativeArea(address.administrativeArea())
        .setPostalCode(address.postalCode())
        .setRegionCode(address.regionCode())
        .build();
  }

  static org.custody.proto.billing.v1.BillingProfile toProto(BillingProfile profile) {
    ProfileDetails d = profile.details();
    return org.custody.proto.billing.v1.BillingProfile.newBuilder()
        .setName(profile.name())
        .setBillingName(d.billingName())
        .setCompany(d.company())
        .setBillingEmail(d.billingEmail())
        .setAddress(toProto(d.address()))
        .setCreateTime(ProtoTimes.timestamp(profile.createTime()))
        .setUpdateTime(ProtoTimes.timestamp(profile.updateTime()))
        .build();
  }

  /** The fields an update mask names, with their new values (AIP-134; {@code *} names all four). */
  static ProfileChanges changes(org.custody.proto.billing.v1.BillingProfile proto, FieldMask mask) {
    List<FieldViolation> violations = new ArrayList<>();
    boolean all = mask.getPathsList().contains("*");
    for (int i = 0; i < mask.getPathsCount(); i++) {
      String path = mask.getPaths(i);
      if (!path.equals("*") && !UPDATABLE.contains(path)) {
        violations.add(new FieldViolation("update_mask.paths[" + i + "]", "must be one of billing_name, company, billing_email, address or *"));
      }
    }
    if (mask.getPathsCount() == 0) {
      violations.add(new FieldViolation("update_mask", "must name at least one field"));
    }
    boolean address = all || mask.getPathsList().contains("address");
    if (address && !proto.hasAddress()) {
      violations.add(new FieldViolation("billing_profile.address", "is required when the mask names it"));
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
    return new ProfileChanges(
        named(all, mask, "billing_name", proto.getBillingName()),
        named(all, mask, "company", proto.getCompany()),
        named(all, mask, "billing_email", proto.getBillingEmail()),
        address ? Optional.of(address(proto.getAddress())) : Optional.empty());
  }

  private static Optional<String> named(boolean all, FieldMask mask, String path, String value) {
    return all || mask.getPathsList().contains(path) ? Optional.of(value) : Optional.empty();
  }
}
