package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.UserRef;
import org.junit.jupiter.api.Test;

class ViewMapTest {

    private record Named(AccountId account, String name) {
    }

    private final ViewMap<Named> views = new ViewMap<>(Named::account);

    @Test
    void getWhenPutUnderARefThenFoundByAnEqualRef() {
        views.put(new UserRef(ACCOUNT, "alice"), new Named(ACCOUNT, "alice"));

        assertThat(views.get(new UserRef(ACCOUNT, "alice"))).contains(new Named(ACCOUNT, "alice"));
        assertThat(views.contains(new UserRef(ACCOUNT, "alice").toString())).isTrue();
    }

    @Test
    void updateWhenNoViewThenNoneAppears() {
        views.update("missing", view -> new Named(ACCOUNT, "made up"));

        assertThat(views.get("missing")).isEmpty();
    }

    @Test
    void inWhenSeveralAccountsThenTheAccountsViewsByNameWithoutRegardToCase() {
        views.put("b", new Named(ACCOUNT, "bob"));
        views.put("A", new Named(ACCOUNT, "Alice"));
        views.put("c", new Named(OTHER_ACCOUNT, "aaron"));

        assertThat(views.in(ACCOUNT, ViewMap.byName(Named::name))).extracting(Named::name).containsExactly("Alice", "bob");
    }
}
