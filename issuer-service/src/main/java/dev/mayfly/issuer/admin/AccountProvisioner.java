package dev.mayfly.issuer.admin;

import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.issuer.api.AccountCommands.CreateAccount;
import dev.mayfly.issuer.api.AccountCommands.PreviousRootKeys;
import dev.mayfly.issuer.api.AccountCommands.RootKeyRotation;
import dev.mayfly.issuer.api.AccountCommands.RotateRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.SetStsRegionActive;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.credentials.CredentialVault;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.AccountView;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Creates tenants, each with a root access key whose secret is sealed in the vault in the same transaction, and rotates
 * their root keys.
 */
public final class AccountProvisioner {

    private final IdentityDirectory directory;
    private final CredentialVault vault;
    private final CommandGateway commands;
    private final Clock clock;

    public AccountProvisioner(IdentityDirectory directory, CredentialVault vault, CommandGateway commands, Clock clock) {
        this.directory = directory;
        this.vault = vault;
        this.commands = commands;
        this.clock = clock;
    }

    /** A new tenant's root credentials: shown once, to whoever created it. */
    public record NewAccount(String accountId, String accessKeyId, String secretAccessKey) {
        /** Never prints the secret. */
        @Override
        public String toString() {
            return "NewAccount[" + accountId + ", " + accessKeyId + "]";
        }
    }

    /**
     * A tenant's new root key, shown once, and what became of the keys it had before.
     *
     * @param deactivatedKeyIds previous keys that sign nothing from now on (the root may activate them again)
     * @param deletedKeyIds     previous keys that are gone with their secrets
     */
    public record RotatedRootKey(String accountId, String accessKeyId, String secretAccessKey, List<String> deactivatedKeyIds,
                                 List<String> deletedKeyIds) {
        /** Never prints the secret. */
        @Override
        public String toString() {
            return "RotatedRootKey[" + accountId + ", " + accessKeyId + ", deactivated " + deactivatedKeyIds + ", deleted "
                    + deletedKeyIds + "]";
        }
    }

    /**
     * Gives an account's root a new access key; the previous ones are kept active, deactivated or deleted. The new secret
     * is sealed, and deleted secrets destroyed, in the transaction that records the change.
     *
     * @throws dev.mayfly.runtime.AwsServiceException NoSuchEntity for an unknown account; LimitExceeded when the root
     *         already holds two active keys
     */
    public RotatedRootKey rotateRootKey(AccountId id, PreviousRootKeys previous) {
        directory.account(id).orElseThrow(() -> dev.mayfly.issuer.api.IamErrors.noSuchEntity("The account " + id.value() + " does not exist."));
        String accessKeyId = CredentialIds.accessKeyId(id.value());
        String secret = CredentialIds.secretAccessKey();
        RootKeyRotation rotation = UnitsOfWork.inTransaction(() -> {
            vault.store(accessKeyId, id.value(), secret);
            RootKeyRotation done = commands.sendAndWait(new RotateRootAccessKey(id, accessKeyId, previous, clock.instant()));
            done.deleted().forEach(vault::delete);
            return done;
        });
        return new RotatedRootKey(id.value(), accessKeyId, secret, rotation.deactivated(), rotation.deleted());
    }

    /** Creates an account with a fresh random id. */
    public NewAccount create(String name) {
        AccountId id;
        do {
            id = AccountId.of(CredentialIds.accountId());
        } while (directory.account(id).isPresent());
        return create(id, name);
    }

    /**
     * Activates or deactivates STS in a region for an account.
     *
     * @return the account's inactive regions afterwards
     * @throws dev.mayfly.runtime.AwsServiceException NoSuchEntity for an unknown account
     */
    public Set<String> setStsRegionActive(AccountId id, String region, boolean active) {
        AccountView account = directory.account(id)
                .orElseThrow(() -> dev.mayfly.issuer.api.IamErrors.noSuchEntity("The account " + id.value() + " does not exist."));
        commands.sendAndWait(new SetStsRegionActive(id, region, active));
        Set<String> inactive = new java.util.HashSet<>(account.inactiveStsRegions());
        if (active) {
            inactive.remove(region);
        } else {
            inactive.add(region);
        }
        return inactive;
    }

    /** Creates the account with this id unless it exists; empty when it already did. */
    public Optional<NewAccount> createIfAbsent(AccountId id, String name) {
        return directory.account(id).isPresent() ? Optional.empty() : Optional.of(create(id, name));
    }

    private NewAccount create(AccountId id, String name) {
        String accessKeyId = CredentialIds.accessKeyId(id.value());
        String secret = CredentialIds.secretAccessKey();
        UnitsOfWork.inTransaction(() -> {
            vault.store(accessKeyId, id.value(), secret);
            return commands.sendAndWait(new CreateAccount(id, name, accessKeyId, clock.instant()));
        });
        return new NewAccount(id.value(), accessKeyId, secret);
    }
}
