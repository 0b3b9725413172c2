package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import java.time.Instant;

/**
 * Applies events to one projection as the directory does, through its subscriptions: a handler the projection forgot to
 * subscribe fails the test that gives its event.
 */
final class GivenEvents {

    static final AccountId ACCOUNT = AccountId.of("123456789012");
    static final AccountId OTHER_ACCOUNT = AccountId.of("210987654321");
    static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    static final String ALLOW_GET = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    private GivenEvents() {
    }

    static <P extends Projection> P given(P projection, Object... events) {
        EventDispatcher dispatcher = new EventDispatcher(projection);
        for (Object event : events) {
            dispatcher.dispatch(event);
        }
        return projection;
    }
}
