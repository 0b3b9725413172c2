package dev.mayfly.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AeadTest {

    private final Aead aead = new Aead(KeyRing.parse(KeyRing.newKeyLine("k1")));

    @Test
    void openWhenSameContextThenPlaintext() {
        byte[] sealed = aead.seal("secret".getBytes(StandardCharsets.UTF_8), "AKIA1");
        assertThat(new String(aead.open(sealed, "AKIA1"), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void openWhenOtherContextThenRefused() {
        byte[] sealed = aead.seal("secret".getBytes(StandardCharsets.UTF_8), "AKIA1");
        assertThatThrownBy(() -> aead.open(sealed, "AKIA2")).isInstanceOf(TokenException.class);
    }
}
