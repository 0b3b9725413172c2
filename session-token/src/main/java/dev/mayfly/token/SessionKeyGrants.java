package dev.mayfly.token;

import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.sigv4.CredentialScope;
import dev.mayfly.sigv4.SigningKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the issuer hands a verifier for a session it was shown: the session's claims signed with the issuer's key (never
 * its secret), and the SigV4 signing key of one day, one region and the verifier's own service, which checks that
 * service's requests of that day and signs nothing else. A verifier never holds what mints, alters or opens a session,
 * nor a key that signs for the issuer's own services.
 *
 * <p>The day is bounded: no earlier than a week ago (a presigned URL lives at most seven days), no later than tomorrow
 * (clock skew), and within the session's life; a key for a day no request of the session can carry is never made.
 */
public final class SessionKeyGrants {

    /** The longest a presigned request signed on one day may be presented: SigV4's 7-day X-Amz-Expires limit. */
    private static final int LONGEST_PRESIGNED_DAYS = 7;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern REGION = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?");
    private final SessionTokenSealer sealer;
    private final Set<String> reservedServices;
    private volatile SigningKeyRing claimsKeys;

    /**
     * @param reservedServices the signing names of Mayfly's own services (sts, iam, ...), for which no key is ever granted
     */
    public SessionKeyGrants(SessionTokenSealer sealer, SigningKeyRing claimsKeys, Set<String> reservedServices) {
        this.sealer = sealer;
        this.claimsKeys = claimsKeys;
        this.reservedServices = Set.copyOf(reservedServices);
    }

    /** Signs with this ring from now on (after a rotation). */
    public void use(SigningKeyRing keys) {
        this.claimsKeys = keys;
    }

    /**
     * @param service the verifier's own service: the only one its key may sign for
     * @throws TokenException        when the token is not one the issuer sealed, or its session has expired
     * @throws SessionKeyRefused     when the day, region or service is one no key may be granted for
     */
    public SessionKeyGrant grant(String sessionToken, String date, String region, String service, Instant now) {
        if (reservedServices.contains(service)) {
            throw new SessionKeyRefused("Keys for " + service + " are never granted: it is a Mayfly service of its own.");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new SessionKeyRefused("The region is not a region name.");
        }
        LocalDate day = day(date);
        SessionClaims claims = sealer.open(sessionToken);
        if (claims.isExpiredAt(now)) {
            throw new TokenException("The security token included in the request is expired");
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate issued = LocalDate.ofInstant(claims.issuedAt(), ZoneOffset.UTC);
        LocalDate expires = LocalDate.ofInstant(claims.expiration(), ZoneOffset.UTC);
        if (day.isBefore(today.minusDays(LONGEST_PRESIGNED_DAYS)) || day.isAfter(today.plusDays(1))
                || day.isBefore(issued.minusDays(1)) || day.isAfter(expires)) {
            throw new SessionKeyRefused("No request of this session can be signed on " + date + ".");
        }
        byte[] key = SigningKeys.derive(claims.secretAccessKey(), new CredentialScope(claims.accessKeyId(), date, region, service));
        return new SessionKeyGrant(SignedClaims.sign(claims, claimsKeys), key);
    }

    private static LocalDate day(String date) {
        try {
            if (date == null || date.length() != 8) {
                throw new DateTimeParseException("not yyyyMMdd", String.valueOf(date), 0);
            }
            return LocalDate.parse(date, DAY);
        } catch (DateTimeParseException e) {
            throw new SessionKeyRefused("The date is not yyyyMMdd.");
        }
    }

    /** A day, region or service no key may be granted for. */
    public static final class SessionKeyRefused extends RuntimeException {
        public SessionKeyRefused(String message) {
            super(message);
        }
    }
}
