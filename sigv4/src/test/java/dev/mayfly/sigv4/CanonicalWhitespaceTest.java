package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalWhitespaceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'value'              | 'value'
            'a b'                | 'a b'
            'a  b'               | 'a b'
            'a \t  b   c'        | 'a b c'
            'a\tb'               | 'a b'
            'one   two three  4' | 'one two three 4'
            """)
    void collapseWhitespaceWhenRunsOfSpacesOrTabsThenOneSpaceAsTheRegexWould(String value, String expected) {
        String unescaped = value.replace("\\t", "\t");
        assertThat(CanonicalRequest.collapseWhitespace(unescaped)).isEqualTo(expected)
                .isEqualTo(unescaped.replaceAll("\\s+", " "));
    }
}
