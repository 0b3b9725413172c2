package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class RandomUuidIdentifiersTest {

    @Test
    void identifierFactoryWhenAxonLooksItUpThenOurs() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(RandomUuidIdentifiers.class);
    }

    @Test
    void messageIdentifierWhenAnEventIsMadeThenARandomUuid() {
        String identifier = GenericEventMessage.asEventMessage("payload").getIdentifier();
        assertThat(UUID.fromString(identifier).version()).isEqualTo(4);
    }
}
