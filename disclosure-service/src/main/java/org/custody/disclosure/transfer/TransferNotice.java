package org.custody.disclosure.transfer;

import java.time.Instant;
import java.util.Optional;
import org.custody.platform.mail.MessageState;
import org.custody.platform.subject.Subject;

/**
 * One subject's notice of a corporate transfer and its delivery.
 *
 * @param state FAILED with no message when identity knew no address
 */
public record TransferNotice(int position, Subject subject, MessageState state, int attempts, Optional<Instant> deliverTime) {}
