package dev.mayfly.issuer.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"000000000001", "123456789012", "999999999999"})
    void accountOfWhenKeyIdsOfAnAccountThenThatAccount(String account) {
        assertThat(CredentialIds.accessKeyId(account)).hasSize(20).startsWith("AKIA").matches("[A-Z2-7]+");
        assertThat(CredentialIds.accountOf(CredentialIds.accessKeyId(account))).hasValue(account);
        assertThat(CredentialIds.accountOf(CredentialIds.sessionAccessKeyId(account))).hasValue(account);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKIA", "AIDAAAAAAAAAAAAAAAAA", "AKIA99999999AAAAAAAA", "AKIA7777777777777777"})
    void accountOfWhenNotAKeyIdOfThisFormatThenEmpty(String keyId) {
        assertThat(CredentialIds.accountOf(keyId)).isEmpty();
    }

    @Test
    void secretAccessKeyWhenDrawnManyTimesThenFortyCharactersOverAllOfBase64sAlphabet() {
        assertThat(symbolsDrawn(CredentialIds::secretAccessKey, "[A-Za-z0-9+/]{40}")).hasSize(64);
    }

    @Test
    void roleIdWhenDrawnManyTimesThenSeventeenCharactersOverAllOfBase32sAlphabet() {
        assertThat(symbolsDrawn(() -> CredentialIds.roleId().substring(4), "[A-Z2-7]{17}")).hasSize(32);
    }

    /** Every symbol seen in 500 draws (a symbol of 64 missing from them all: odds below 1e-100). */
    private static Set<Character> symbolsDrawn(Supplier<String> draw, String shape) {
        Set<Character> seen = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            String drawn = draw.get();
            assertThat(drawn).matches(shape);
            drawn.chars().forEach(c -> seen.add((char) c));
        }
        return seen;
    }
}
