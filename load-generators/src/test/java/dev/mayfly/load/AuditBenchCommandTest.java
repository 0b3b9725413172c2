package dev.mayfly.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditBenchCommandTest {

    @Test
    void longestWaitingWhenMoreFollowedThanOneSearchAsksThenTheEarliestAnsweredAreAsked() {
        Map<String, Long> answeredNanosById = new ConcurrentHashMap<>();
        IntStream.range(0, 3000).forEach(i -> answeredNanosById.put("request-" + i, 1_000_000L * i));

        List<String> asked = AuditBenchCommand.longestWaiting(answeredNanosById, 1000);

        assertThat(asked).containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> "request-" + i).toList());
    }
}
