package dev.mayfly.issuer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A tenant: a 12-digit AWS account id. */
public record AccountId(String value) {

    public AccountId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("an account id is 12 digits");
        }
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    /** Twelve ASCII digits; checked without a regular expression, which would be compiled again on every call. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 12) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
