package dev.mayfly.cli;

import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials a command signs with: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the
 * environment, as the AWS CLI takes them; otherwise the profile ./mayfly dev wrote to $MAYFLY_HOME/credentials.
 *
 * @param sessionToken null for long-term credentials
 */
public record CliCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    static CliCredentials resolve(Settings settings) {
        String keyId = settings.string("AWS_ACCESS_KEY_ID", "");
        String secret = settings.string("AWS_SECRET_ACCESS_KEY", "");
        if (!keyId.isEmpty() && !secret.isEmpty()) {
            String token = settings.string("AWS_SESSION_TOKEN", "");
            return new CliCredentials(keyId, secret, token.isEmpty() ? null : token);
        }
        return devProfile(settings.home().resolve("credentials"));
    }

    /** The root key of the dev account, from the credentials file ./mayfly dev wrote. */
    public static CliCredentials devProfile(Path credentials) {
        if (!Files.exists(credentials)) {
            throw new CliException("No " + credentials + ": run ./mayfly dev first (with the same MAYFLY_HOME), or set AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY.");
        }
        try {
            String text = Files.readString(credentials);
            Matcher key = Pattern.compile("aws_access_key_id = (\\S+)").matcher(text);
            Matcher secret = Pattern.compile("aws_secret_access_key = (\\S+)").matcher(text);
            if (!key.find() || !secret.find()) {
                throw new CliException(credentials + " has no key of profile mayfly.");
            }
            return new CliCredentials(key.group(1), secret.group(1), null);
        } catch (IOException e) {
            throw new CliException("Could not read " + credentials + ": " + e.getMessage());
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CliCredentials[" + accessKeyId + "]";
    }
}
