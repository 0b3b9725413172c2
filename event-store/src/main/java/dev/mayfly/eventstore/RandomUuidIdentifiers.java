package dev.mayfly.eventstore;

import dev.mayfly.runtime.RandomUuids;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers (every command, event and result has one) from {@link RandomUuids}: Axon's default
 * draws each from {@link java.util.UUID#randomUUID()}, under the lock its callers queued on. Axon finds this factory
 * through {@code META-INF/services}.
 */
public final class RandomUuidIdentifiers extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomUuids.nextString();
    }
}
