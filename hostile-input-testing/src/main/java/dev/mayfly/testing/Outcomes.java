package dev.mayfly.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outcomes a parse of hostile input may have: a value, or the refusal the caller is answered with; never another
 * exception, and never a hang.
 */
public final class Outcomes {

    /** A guard against a hang, not a performance bound: a parse that takes this long never ends. */
    private static final Duration HANG = Duration.ofSeconds(10);
    /** One thread for every try (a new one per try costs more than most parses), that can run as deep as a server's. */
    private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("hostile-input").factory());

    private Outcomes() {
    }

    /** The call returns: it neither throws nor hangs. */
    public static void returns(Runnable call) {
        assertThat(thrownBy(call)).isNull();
    }

    /**
     * The parse returns, or refuses with the refusal the caller is answered with: nothing else, and never hangs.
     *
     * @return the refusal, for the caller to check further (its status); empty when the parse returned
     */
    public static <T extends Throwable> Optional<T> returnsOrRefuses(Class<T> refusal, Runnable parse) {
        Throwable thrown = thrownBy(parse);
        if (thrown == null) {
            return Optional.empty();
        }
        assertThat(thrown).isInstanceOf(refusal);
        return Optional.of(refusal.cast(thrown));
    }

    /** What the call threw, or null; a call still running after HANG hangs, and fails the try. */
    private static Throwable thrownBy(Runnable call) {
        Future<?> outcome = PARSER.submit(call);
        try {
            outcome.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            outcome.cancel(true);
            throw new AssertionError("no outcome within " + HANG + ": the call hangs", e);
        }
    }
}
