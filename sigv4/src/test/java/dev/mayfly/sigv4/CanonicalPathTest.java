package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paths that are their own canonical form are taken as they are; the others are normalized and encoded as before. */
class CanonicalPathTest {

    @ParameterizedTest(name = "{0} -> {1} (normalized), {2} (S3)")
    @CsvSource(delimiter = '|', textBlock = """
            /                  | /                  | /
            /notes/public-1    | /notes/public-1    | /notes/public-1
            /a/b/              | /a/b/              | /a/b/
            /a.b/~c_d-e/...    | /a.b/~c_d-e/...    | /a.b/~c_d-e/...
            /a//b              | /a/b               | /a//b
            //                 | /                  | //
            /a/./b             | /a/b               | /a/./b
            /a/b/..            | /a/                | /a/b/..
            /a/.               | /a/                | /a/.
            /.                 | /                  | /.
            /a b               | /a%20b             | /a%20b
            /a%2Fb             | /a%252Fb           | /a%252Fb
            /ä                 | /%C3%A4            | /%C3%A4
            """)
    void canonicalPathWhenPathThenNormalizedAndEncodedAsSigV4Says(String path, String normalized, String unnormalized) {
        assertThat(CanonicalRequest.canonicalPath(path, true)).isEqualTo(normalized);
        assertThat(CanonicalRequest.canonicalPath(path, false)).isEqualTo(unnormalized);
    }
}
