package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on accounts. */
public final class AccountCommands {

    private AccountCommands() {
    }

    /** Creates a tenant with its root access key (whose secret is already sealed in the vault). */
    public record CreateAccount(@TargetAggregateIdentifier AccountId accountId, String name, String rootAccessKeyId,
                                Instant at) {
    }

    /**
     * Activates or deactivates STS in a region for the account: a deactivated region issues the account no
     * credentials. us-east-1 (the global endpoint's region) cannot be deactivated, as in AWS.
     */
    public record SetStsRegionActive(@TargetAggregateIdentifier AccountId accountId, String region, boolean active) {
    }

    /** Adds a root access key whose secret is already sealed in the vault; the root has at most two, as an IAM user. */
    public record CreateRootAccessKey(@TargetAggregateIdentifier AccountId accountId, String accessKeyId, Instant at) {
    }

    /** Activates or deactivates a root key; an inactive key signs nothing. */
    public record UpdateRootAccessKey(@TargetAggregateIdentifier AccountId accountId, String accessKeyId, boolean active, Instant at) {
    }

    public record DeleteRootAccessKey(@TargetAggregateIdentifier AccountId accountId, String accessKeyId, Instant at) {
    }

    /** What a root key rotation does with the keys the root had before. */
    public enum PreviousRootKeys {
        /** They stay active until the root or the operator retires them: for clients that cannot switch at once. */
        KEEP_ACTIVE,
        /** They sign nothing from now on, but stay listed and can be activated again. */
        DEACTIVATE,
        /** They are gone, secrets included. */
        DELETE
    }

    /**
     * The operator's rotation of a root key: a new key (its secret already sealed in the vault), and the previous ones
     * kept, deactivated or deleted. Keys already inactive are deleted first when the root has no room for another
     * (they sign nothing, and an operator rotating has decided to move on from them).
     *
     * @return the {@link RootKeyRotation}
     */
    public record RotateRootAccessKey(@TargetAggregateIdentifier AccountId accountId, String newAccessKeyId, PreviousRootKeys previous,
                                      Instant at) {
    }

    /** What a rotation did to the keys the root had before. */
    public record RootKeyRotation(List<String> deleted, List<String> deactivated) {
        public RootKeyRotation {
            deleted = List.copyOf(deleted);
            deactivated = List.copyOf(deactivated);
        }
    }

    /**
     * Gives the account its alias, in place of the one it had (IAM keeps one, and a new alias overwrites the previous),
     * which the handler returns so that its claim is released; nothing when it has this one. The alias must be claimed
     * first ({@link ClaimAccountAlias}), which keeps it unique among accounts.
     */
    public record SetAccountAlias(@TargetAggregateIdentifier AccountId accountId, String alias) {
    }

    /**
     * Lets the account's principals ask for web identity tokens (GetWebIdentityToken): FeatureEnabled when they may
     * already. The account keeps the issuer id it was given the first time, so that the parties that trust its issuer URL
     * keep trusting it across a disabling; {@code newIssuerId} is used only the first time.
     *
     * @return the account's issuer id
     */
    public record EnableOutboundWebIdentityFederation(@TargetAggregateIdentifier AccountId accountId, String newIssuerId) {
    }

    /** Stops the account's principals from asking for web identity tokens: FeatureDisabled when they may not already. */
    public record DisableOutboundWebIdentityFederation(@TargetAggregateIdentifier AccountId accountId) {
    }

    /** Takes the account's alias away: NoSuchEntity unless it is the account's. */
    public record RemoveAccountAlias(@TargetAggregateIdentifier AccountId accountId, String alias) {
    }

    /**
     * Claims an alias for an account, among every account of the deployment: refused (EntityAlreadyExists) when another
     * account holds it; nothing when this one does already.
     */
    public record ClaimAccountAlias(@TargetAggregateIdentifier AccountAliasRef alias, AccountId accountId) {
    }

    /** Gives up an account's claim on an alias, so that any account may claim it; nothing when the account holds no claim. */
    public record ReleaseAccountAlias(@TargetAggregateIdentifier AccountAliasRef alias, AccountId accountId) {
    }
}
