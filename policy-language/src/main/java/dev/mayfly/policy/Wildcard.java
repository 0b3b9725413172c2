package dev.mayfly.policy;

/**
 * IAM's glob: '*' matches any run of characters (also none), '?' exactly one. A '*' or '?' that a policy
 * variable brought in is marked ({@link PolicyVariables#LITERAL_STAR}) and matches only itself.
 */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        boolean asciiFold = false;
        if (ignoreCase) {
            if (isAscii(pattern) && isAscii(value)) {
                // actions are ASCII: folded letter by letter, without the two lower-cased copies per statement per decision
                asciiFold = true;
            } else {
                pattern = pattern.toLowerCase(java.util.Locale.ROOT);
                value = value.toLowerCase(java.util.Locale.ROOT);
            }
        }
        // the usual shapes of a policy's patterns, "*", a whole name and a prefix followed by '*', without the general loop
        int wildcardAt = firstWildcard(pattern);
        if (wildcardAt < 0) {
            return value.length() == pattern.length() && value.regionMatches(asciiFold, 0, pattern, 0, pattern.length());
        }
        if (wildcardAt == pattern.length() - 1 && pattern.charAt(wildcardAt) == '*') {
            return value.regionMatches(asciiFold, 0, pattern, 0, wildcardAt);
        }
        int p = 0;
        int v = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (v < value.length()) {
            // a '*' of the pattern is a wildcard even where the value holds a '*' (checked first: compared as a character,
            // it matched only that '*', and "arn:aws:s3:::b/*" did not match the object "*x" of bucket b)
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                resumeAt = v;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(literal(pattern.charAt(p)), value.charAt(v), asciiFold))) {
                p++;
                v++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                v = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Where the first '*' or '?' of a pattern is, or a character a variable brought in marked as literal; -1 when none. */
    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == PolicyVariables.LITERAL_STAR || c == PolicyVariables.LITERAL_QUESTION) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(char patternChar, char valueChar, boolean asciiFold) {
        return patternChar == valueChar || asciiFold && asciiLower(patternChar) == asciiLower(valueChar);
    }

    /** What toLowerCase(Locale.ROOT) makes of an ASCII character. */
    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static char literal(char c) {
        return c == PolicyVariables.LITERAL_STAR ? '*' : c == PolicyVariables.LITERAL_QUESTION ? '?' : c;
    }
}
