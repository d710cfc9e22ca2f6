package org.custody.identity.project;

import java.time.Instant;
import java.util.Optional;

/**
 * A project site (tenant).
 *
 * @param primaryAccountId the account that receives policy-change notices (P14), if named
 */
public record Project(String id, String displayName, Optional<String> primaryAccountId, Instant createTime) {}
