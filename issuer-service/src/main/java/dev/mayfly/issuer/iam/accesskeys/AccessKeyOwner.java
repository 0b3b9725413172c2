package dev.mayfly.issuer.iam.accesskeys;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.AccountCommands.CreateRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.DeleteRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.UpdateRootAccessKey;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.UserCommands.CreateAccessKey;
import dev.mayfly.issuer.api.UserCommands.DeleteAccessKey;
import dev.mayfly.issuer.api.UserCommands.UpdateAccessKey;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.AccessKeyView;
import dev.mayfly.issuer.query.Views.UserView;
import java.time.Instant;
import java.util.List;

/**
 * Whose access keys an access key action works on, as IAM decides it: the user UserName names; without it, the
 * caller itself, an IAM user or the root user (IAM's API reference: "If you do not specify a user name, IAM determines
 * the user name implicitly based on the access key ID signing the request ... you can use this operation to manage
 * root user credentials"). Each owner knows the commands that change its keys, so that the actions stay one.
 */
sealed interface AccessKeyOwner {

    /**
     * The owner the request means, once the caller is authorized for the action on it.
     *
     * @throws dev.mayfly.runtime.AwsServiceException AccessDenied, NoSuchEntity for an unknown user, or a validation
     *         error when a role or federated session names no user
     */
    static AccessKeyOwner authorized(IdentityDirectory directory, Authorizer authorizer, ActionContext context, String action) {
        Caller caller = context.caller();
        if (context.parameters().get("UserName") == null && caller.type() == Caller.Type.ROOT) {
            Root root = new Root(caller.accountId());
            authorizer.authorize(caller, action, root.arn(), context.conditionKeys());
            return root;
        }
        String userName = IamParameters.userNameOrCaller(context.parameters(), caller);
        return new User(ExistingResource.user(directory, authorizer, context, action, userName));
    }

    /** The UserName IAM answers with; null for the root, whose keys IAM lists without one. */
    String userName();

    String arn();

    /** The CloudTrail resource the call concerned. */
    Resource resource();

    List<AccessKeyView> keys(IdentityDirectory directory);

    Object create(String accessKeyId, Instant at);

    Object update(String accessKeyId, boolean active, Instant at);

    Object delete(String accessKeyId, Instant at);

    record User(UserView user) implements AccessKeyOwner {

        private UserRef ref() {
            return new UserRef(user.accountId(), user.userName());
        }

        @Override
        public String userName() {
            return user.userName();
        }

        @Override
        public String arn() {
            return user.arn();
        }

        @Override
        public Resource resource() {
            return new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User");
        }

        @Override
        public List<AccessKeyView> keys(IdentityDirectory directory) {
            return directory.accessKeysOf(ref());
        }

        @Override
        public Object create(String accessKeyId, Instant at) {
            return new CreateAccessKey(ref(), accessKeyId, at);
        }

        @Override
        public Object update(String accessKeyId, boolean active, Instant at) {
            return new UpdateAccessKey(ref(), accessKeyId, active, at);
        }

        @Override
        public Object delete(String accessKeyId, Instant at) {
            return new DeleteAccessKey(ref(), accessKeyId, at);
        }
    }

    record Root(AccountId account) implements AccessKeyOwner {

        @Override
        public String userName() {
            return null;
        }

        @Override
        public String arn() {
            return "arn:aws:iam::" + account.value() + ":root";
        }

        @Override
        public Resource resource() {
            return new Resource(arn(), account.value(), "AWS::IAM::Root");
        }

        @Override
        public List<AccessKeyView> keys(IdentityDirectory directory) {
            return directory.rootAccessKeysOf(account);
        }

        @Override
        public Object create(String accessKeyId, Instant at) {
            return new CreateRootAccessKey(account, accessKeyId, at);
        }

        @Override
        public Object update(String accessKeyId, boolean active, Instant at) {
            return new UpdateRootAccessKey(account, accessKeyId, active, at);
        }

        @Override
        public Object delete(String accessKeyId, Instant at) {
            return new DeleteRootAccessKey(account, accessKeyId, at);
        }
    }
}
