package dev.mayfly.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void openWhenTamperedThenRefusedAndTheNextOpenStillWorks() {
        byte[] sealed = aead.seal("secret".getBytes(StandardCharsets.UTF_8), "AKIA1");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> aead.open(tampered, "AKIA1")).isInstanceOf(TokenException.class);
        assertThat(new String(aead.open(sealed, "AKIA1"), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void openWhenSealedUnderAnOlderKeyOfTheRingThenPlaintext() {
        String oldKey = KeyRing.newKeyLine("k1");
        byte[] sealed = new Aead(KeyRing.parse(oldKey)).seal("secret".getBytes(StandardCharsets.UTF_8), "AKIA1");
        Aead rotated = new Aead(KeyRing.parse(oldKey + KeyRing.newKeyLine("k2")));
        assertThat(new String(rotated.open(sealed, "AKIA1"), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThat(rotated.seal(new byte[1], "AKIA1")[2]).isEqualTo((byte) 'k');
    }

    /** Ciphers are reused across calls and threads: each seal must still get its own nonce and open what it sealed. */
    @Test
    void sealWhenManyThreadsSealAndOpenAtOnceThenEveryNonceDiffersAndEveryTokenOpens() throws Exception {
        int threads = 16;
        int perThread = 500;
        Set<ByteBuffer> nonces = ConcurrentHashMap.newKeySet();
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String context = "AKIA" + t;
            running.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    byte[] plaintext = (context + ":" + i).getBytes(StandardCharsets.UTF_8);
                    byte[] sealed = aead.seal(plaintext, context);
                    int nonceAt = 2 + sealed[1];
                    nonces.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, nonceAt, nonceAt + 12)));
                    if (!Arrays.equals(aead.open(sealed, context), plaintext)) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
        assertThat(nonces).hasSize(threads * perThread);
    }
}
