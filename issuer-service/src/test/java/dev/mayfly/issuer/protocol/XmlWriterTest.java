package dev.mayfly.issuer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void elementWhenNothingToEscapeThenTextAsItIs() {
        assertThat(xml(new XmlWriter().start("R").element("Arn", "arn:aws:sts::000000000001:assumed-role/r/s+=,.@-").end()))
                .isEqualTo("<R><Arn>arn:aws:sts::000000000001:assumed-role/r/s+=,.@-</Arn></R>");
    }

    @Test
    void elementWhenMarkupCharactersThenEscapedWhereverTheyAre() {
        assertThat(xml(new XmlWriter().element("M", "<a href=\"x\">it's & done</a>\r")))
                .isEqualTo("<M>&lt;a href=&quot;x&quot;&gt;it&apos;s &amp; done&lt;/a&gt;&#xD;</M>");
        assertThat(xml(new XmlWriter().element("M", "ok<"))).isEqualTo("<M>ok&lt;</M>");
    }

    @Test
    void elementWhenControlCharactersThenDroppedButNewlineAndTabKept() {
        assertThat(xml(new XmlWriter().element("M", "a\u0000b\u0001c\nd\te\u001f"))).isEqualTo("<M>abc\nd\te</M>");
    }

    @Test
    void elementWhenNonAsciiThenKeptAndEncodedAsUtf8() {
        assertThat(xml(new XmlWriter().element("M", "caf\u00e9 \u2603 <"))).isEqualTo("<M>caf\u00e9 \u2603 &lt;</M>");
    }

    @Test
    void elementWhenInstantOrNullThenSecondsOrOmitted() {
        assertThat(xml(new XmlWriter().element("T", Instant.parse("2026-12-07T05:00:01.123Z")).element("N", null)))
                .isEqualTo("<T>2026-12-07T05:00:01Z</T>");
    }

    @Test
    void startWhenNamespaceAndTextThenBothEscaped() {
        assertThat(xml(new XmlWriter().start("R", "urn:a&b").start("member").text("x>y").end().end()))
                .isEqualTo("<R xmlns=\"urn:a&amp;b\"><member>x&gt;y</member></R>");
    }

    @Test
    void toBytesWhenAnswerLongerThanTheFirstBufferThenComplete() {
        String token = "t".repeat(5000);
        assertThat(xml(new XmlWriter().element("SessionToken", token))).isEqualTo("<SessionToken>" + token + "</SessionToken>");
    }

    private static String xml(XmlWriter writer) {
        return new String(writer.toBytes(), StandardCharsets.UTF_8);
    }
}
