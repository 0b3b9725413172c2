package dev.mayfly.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a signature's claims from the Authorization header or from a presigned query string. */
public final class SignatureParser {

    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final Duration MAX_PRESIGNED_EXPIRY = Duration.ofDays(7);

    private SignatureParser() {
    }

    public static SignatureParts parse(SignedRequest request) {
        String authorization = request.headers().first("authorization");
        if (authorization != null) {
            return fromHeader(request, authorization);
        }
        Map<String, String> query = queryParameters(request.rawQuery());
        if (query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Signature")) {
            return fromQuery(query);
        }
        throw new SignatureException(AuthFailure.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    private static SignatureParts fromHeader(SignedRequest request, String authorization) {
        if (!authorization.startsWith(CanonicalRequest.ALGORITHM + " ")) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "Authorization header requires the algorithm " + CanonicalRequest.ALGORITHM + ".");
        }
        HeaderFields fields = HeaderFields.read(authorization, CanonicalRequest.ALGORITHM.length() + 1);
        List<String> missing = new ArrayList<>(0);
        if (fields.credential() == null || fields.credential().isEmpty()) {
            missing.add("Credential");
        }
        if (fields.signedHeaders() == null || fields.signedHeaders().isEmpty()) {
            missing.add("SignedHeaders");
        }
        if (fields.signature() == null || fields.signature().isEmpty()) {
            missing.add("Signature");
        }
        if (!missing.isEmpty()) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE, "Authorization header requires "
                    + String.join(", ", missing) + " parameter(s). Authorization=" + redact(authorization));
        }
        String amzDate = request.headers().first("x-amz-date");
        Instant signedAt;
        if (amzDate != null) {
            signedAt = parseAmzDate(amzDate);
        } else if (request.headers().first("date") != null) {
            signedAt = parseHttpDate(request.headers().first("date"));
            amzDate = AMZ_DATE.format(signedAt.atOffset(ZoneOffset.UTC));
        } else {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        return new SignatureParts(CredentialScope.parse(fields.credential()), signedHeaders(fields.signedHeaders()),
                fields.signature(), signedAt, amzDate, false, null, request.headers().first("x-amz-security-token"));
    }

    /**
     * The Authorization header's comma-separated NAME=VALUE fields that a signature needs, names and values stripped of
     * white space, the last of each name winning; null when absent. Read in place: every request a verifier or the
     * issuer checks has one, and splitting it made a string of each field, name and value.
     */
    private record HeaderFields(String credential, String signedHeaders, String signature) {

        static HeaderFields read(String header, int from) {
            String credential = null;
            String signedHeaders = null;
            String signature = null;
            int start = from;
            while (start < header.length()) {
                int end = header.indexOf(',', start);
                if (end < 0) {
                    end = header.length();
                }
                int eq = header.indexOf('=', start);
                if (eq > start && eq < end) {
                    if (isName(header, start, eq, "Credential")) {
                        credential = header.substring(eq + 1, end).strip();
                    } else if (isName(header, start, eq, "SignedHeaders")) {
                        signedHeaders = header.substring(eq + 1, end).strip();
                    } else if (isName(header, start, eq, "Signature")) {
                        signature = header.substring(eq + 1, end).strip();
                    }
                }
                start = end + 1;
            }
            return new HeaderFields(credential, signedHeaders, signature);
        }

        /** Whether header[from, to), stripped as String.strip strips, is the name. */
        private static boolean isName(String header, int from, int to, String name) {
            while (from < to && Character.isWhitespace(header.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(header.charAt(to - 1))) {
                to--;
            }
            return to - from == name.length() && header.regionMatches(from, name, 0, name.length());
        }
    }

    private static SignatureParts fromQuery(Map<String, String> query) {
        List<String> missing = new ArrayList<>();
        // X-Amz-Expires is required, as AWS requires it: a signature in a URL travels (logs, browsers, proxies), and one
        // without a stated lifetime would be accepted for the longest a presigned request may live, seven days
        for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
                "X-Amz-Signature", "X-Amz-Expires")) {
            if (query.getOrDefault(required, "").isEmpty()) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "AWS query-string parameters missing: " + String.join(", ", missing) + ".");
        }
        if (!CanonicalRequest.ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "X-Amz-Algorithm only supports " + CanonicalRequest.ALGORITHM + ".");
        }
        Duration expires;
        try {
            expires = Duration.ofSeconds(Long.parseLong(query.get("X-Amz-Expires")));
        } catch (NumberFormatException e) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be a number of seconds.");
        }
        if (expires.isNegative() || expires.compareTo(MAX_PRESIGNED_EXPIRY) > 0) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "X-Amz-Expires must be between 0 and 604800 seconds.");
        }
        String amzDate = query.get("X-Amz-Date");
        return new SignatureParts(CredentialScope.parse(query.get("X-Amz-Credential")),
                signedHeaders(query.get("X-Amz-SignedHeaders")), query.get("X-Amz-Signature"), parseAmzDate(amzDate),
                amzDate, true, expires, query.get("X-Amz-Security-Token"));
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = List.of(RequestHeaders.lowerCase(value).split(";"));
        if (!names.contains("host")) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String piece : rawQuery.split("&")) {
            int eq = piece.indexOf('=');
            if (eq > 0) {
                parameters.putIfAbsent(UriEncoding.decode(piece.substring(0, eq)), UriEncoding.decode(piece.substring(eq + 1)));
            }
        }
        return parameters;
    }

    /** yyyyMMdd'T'HHmmss'Z', read field by field (a formatter costs a microsecond per request); fields are range-checked. */
    private static Instant parseAmzDate(String value) {
        try {
            if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
                throw new DateTimeParseException("not yyyyMMdd'T'HHmmss'Z'", value, 0);
            }
            return LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8), digits(value, 9, 11),
                    digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE,
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
    }

    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeParseException("not a digit", value, i);
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static Instant parseHttpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignatureException(AuthFailure.INCOMPLETE_SIGNATURE, "Date must be an RFC 1123 date.");
        }
    }

    /** The signature value is not a secret, but we echo only the field names the client sent. */
    private static String redact(String authorization) {
        return authorization.replaceAll("Signature=[0-9a-fA-F]*", "Signature=...");
    }
}
