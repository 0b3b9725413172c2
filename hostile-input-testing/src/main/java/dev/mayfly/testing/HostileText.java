package dev.mayfly.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Text a network caller can send a parser. */
public final class HostileText {

    private HostileText() {
    }

    /**
     * Arbitrary text, and text built from fragments that break the parser: its separators, bad and partial escapes,
     * NUL, lone surrogates, the names it looks for.
     */
    public static Arbitrary<String> from(List<String> fragments) {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(64),
                Arbitraries.of(fragments).list().ofMaxSize(24).map(pieces -> String.join("", pieces)));
    }
}
