package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserRenamed;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import org.junit.jupiter.api.Test;
import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

class AccessKeysProjectionTest {

    private static final String ROOT_KEY = "AKIAROOT000000000001";
    private static final String SECOND_ROOT_KEY = "AKIAROOT000000000002";
    private static final String ALICE_KEY = "AKIAALICE00000000001";
    private static final UserRef ALICE = new UserRef(ACCOUNT, "Alice");
    private static final AccountCreated ACCOUNT_CREATED = new AccountCreated(ACCOUNT, "dev", ROOT_KEY, T);
    private static final AccessKeyCreated ALICE_KEY_CREATED = new AccessKeyCreated(ALICE, ALICE_KEY, T.plusSeconds(60));

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
    void accessKeyWhenTheKeysAreDeletedThenIsGone() {
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                new AccessKeyDeleted(ALICE, ALICE_KEY, T.plusSeconds(700)), new RootAccessKeyDeleted(ACCOUNT, ROOT_KEY, T.plusSeconds(700)));

        assertThat(keys.accessKey(ALICE_KEY)).isEmpty();
        assertThat(keys.rootAccessKeysOf(ACCOUNT)).isEmpty();
    }

    @Test
    void accessKeysOfWhenUserRenamedThenHeldUnderTheNewName() {
        UserRef alicia = new UserRef(ACCOUNT, "Alicia2");
        AccessKeysProjection keys = given(new AccessKeysProjection(), ACCOUNT_CREATED, ALICE_KEY_CREATED,
                new UserRenamed(ALICE, alicia, "/", "arn:aws:iam::123456789012:user/Alicia2"));
        assertThat(keys.accessKeysOf(ALICE)).isEmpty();
        assertThat(keys.accessKeysOf(alicia)).extracting(k -> k.accessKeyId()).containsExactly(ALICE_KEY);
        assertThat(keys.accessKey(ALICE_KEY).orElseThrow().userName()).isEqualTo("Alicia2");
    }
}
