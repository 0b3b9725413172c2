package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"host", "x-amz-date", "X-Amz-Date", "host;x-amz-date;X-AMZ-SECURITY-TOKEN", "x-\u00c4mz", "\u0130d", "", "a;b;;"})
    void lowerCaseWhenAnyNameThenAsToLowerCaseInTheRootLocale(String name) {
        assertThat(RequestHeaders.lowerCase(name)).isEqualTo(name.toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Date", "x-amz-date", "X-AMZ-DATE"})
    void firstWhenAskedInAnyCaseThenTheValue(String asked) {
        RequestHeaders headers = new RequestHeaders().add("X-Amz-Date", "20150830T123600Z");

        assertThat(headers.first(asked)).isEqualTo("20150830T123600Z");
        assertThat(headers.all(asked)).containsExactly("20150830T123600Z");
    }
}
