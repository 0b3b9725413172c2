package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyUse;
import dev.mayfly.issuer.query.Views.AccessKeyUses;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessKeysProjectionTest {

    private static final String ROOT_KEY = "AKIAROOT000000000001";
    private static final String SECOND_ROOT_KEY = "AKIAROOT000000000002";
    private static final String ALICE_KEY = "AKIAALICE00000000001";
    private static final UserRef ALICE = new UserRef(ACCOUNT, "Alice");
    private static final AccountCreated ACCOUNT_CREATED = new AccountCreated(ACCOUNT, "dev", ROOT_KEY, T);
    private static final AccessKeyCreated ALICE_KEY_CREATED = new AccessKeyCreated(ALICE, ALICE_KEY, T.plusSeconds(60));

    /** A call signed with the key at that time, to STS in eu-west-1, failed with that error code (null: it succeeded). */
    private static ApiCallRecorded signedWith(String accessKeyId, Instant at, String errorCode) {
        return new ApiCallRecorded("event-" + at, at, "sts.amazonaws.com", "GetCallerIdentity", "eu-west-1", "192.0.2.1", "test",
                "request-" + at, new ApiCallRecorded.UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::123456789012:user/Alice",
                ACCOUNT.value(), accessKeyId, "Alice", null, null), Map.of(), null, errorCode, null, List.of(), true, ACCOUNT.value());
    }

    @Test
    void accessKeyWhenAccountCreatedThenItsRootKeyIsActive() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED);

        assertThat(keys.accessKey(ROOT_KEY)).contains(new AccessKeyView(ROOT_KEY, ACCOUNT, null, true, T));
    }

    @Test
    void rootAccessKeysOfWhenASecondIsCreatedAndTheFirstDeactivatedThenBothOldestFirst() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                new RootAccessKeyCreated(ACCOUNT, SECOND_ROOT_KEY, T.plusSeconds(120)),
                new RootAccessKeyStatusChanged(ACCOUNT, ROOT_KEY, false, T.plusSeconds(180)));

        assertThat(keys.rootAccessKeysOf(ACCOUNT)).containsExactly(new AccessKeyView(ROOT_KEY, ACCOUNT, null, false, T),
                new AccessKeyView(SECOND_ROOT_KEY, ACCOUNT, null, true, T.plusSeconds(120)));
    }

    @Test
    void accessKeysOfWhenTheUserIsNamedInAnotherCaseThenFindsItsKeysAndNotTheRoots() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                new AccessKeyStatusChanged(ALICE, ALICE_KEY, false, T.plusSeconds(120)));

        assertThat(keys.accessKeysOf(new UserRef(ACCOUNT, "ALICE")))
                .containsExactly(new AccessKeyView(ALICE_KEY, ACCOUNT, "Alice", false, T.plusSeconds(60)));
    }

    @Test
    void lastUseWhenACallIsSignedWithAKnownKeyThenNamesTheServiceAndRegion() {
        Instant at = T.plusSeconds(600);
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED, signedWith(ALICE_KEY, at, null));

        assertThat(keys.lastUse(ALICE_KEY)).contains(new AccessKeyUse(at, "sts", "eu-west-1"));
    }

    @Test
    void lastUseWhenTheCallWasRefusedForItsSignatureThenIsNoUse() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                signedWith(ALICE_KEY, T.plusSeconds(600), "SignatureDoesNotMatch"));

        assertThat(keys.lastUse(ALICE_KEY)).isEmpty();
    }

    @Test
    void lastUseWhenTheCallWasRefusedForAnotherReasonThenCountsAsAUse() {
        Instant at = T.plusSeconds(600);
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                signedWith(ALICE_KEY, at, "AccessDenied"));

        assertThat(keys.lastUse(ALICE_KEY)).contains(new AccessKeyUse(at, "sts", "eu-west-1"));
    }

    @Test
    void lastUseWhenAnEarlierCallArrivesLaterThenKeepsTheLatest() {
        Instant latest = T.plusSeconds(900);
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                signedWith(ALICE_KEY, latest, null), signedWith(ALICE_KEY, T.plusSeconds(600), null));

        assertThat(keys.lastUse(ALICE_KEY)).map(AccessKeyUse::at).contains(latest);
    }

    @Test
    void lastUseWhenTheKeyIsUnknownThenIsNotKept() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, signedWith(ALICE_KEY, T.plusSeconds(600), null));

        assertThat(keys.lastUse(ALICE_KEY)).isEmpty();
        assertThat(keys.uses().byKey()).isEmpty();
    }

    @Test
    void lastUseWhenTheKeysAreDeletedThenIsForgottenWithThem() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                signedWith(ALICE_KEY, T.plusSeconds(600), null), signedWith(ROOT_KEY, T.plusSeconds(600), null),
                new AccessKeyDeleted(ALICE, ALICE_KEY, T.plusSeconds(700)), new RootAccessKeyDeleted(ACCOUNT, ROOT_KEY, T.plusSeconds(700)));

        assertThat(keys.lastUse(ALICE_KEY)).isEmpty();
        assertThat(keys.lastUse(ROOT_KEY)).isEmpty();
        assertThat(keys.accessKey(ALICE_KEY)).isEmpty();
        assertThat(keys.rootAccessKeysOf(ACCOUNT)).isEmpty();
    }

    @Test
    void usesWhenRestoredIntoAnotherProjectionThenItAnswersTheSameLastUses() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                signedWith(ALICE_KEY, T.plusSeconds(600), null));
        AccessKeyUses snapshot = keys.uses();

        AccessKeysProjection restarted = new AccessKeysProjection();
        restarted.restore(snapshot);

        assertThat(restarted.lastUse(ALICE_KEY)).isEqualTo(keys.lastUse(ALICE_KEY)).isPresent();
    }
}
