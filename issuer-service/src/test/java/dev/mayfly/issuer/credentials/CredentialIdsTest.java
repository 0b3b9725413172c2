package dev.mayfly.issuer.credentials;

import static org.assertj.core.api.Assertions.assertThat;

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
}
