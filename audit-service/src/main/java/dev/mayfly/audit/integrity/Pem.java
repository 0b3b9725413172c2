package dev.mayfly.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM armour (RFC 7468) around DER bytes. */
public final class Pem {

    private Pem() {
    }

    public static String encode(byte[] der, String label) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes inside the first block with this label. */
    public static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + label + " in PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
