package dev.mayfly.issuer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A tenant: a 12-digit AWS account id. */
public record AccountId(String value) {

    public AccountId {
        if (value == null || !value.matches("\\d{12}")) {
            throw new IllegalArgumentException("an account id is 12 digits");
        }
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.matches("\\d{12}");
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
