package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.MfaCommands.TagMfaDevice;
import dev.mayfly.issuer.api.MfaCommands.UntagMfaDevice;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.OidcCommands.TagOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.UntagOidcProvider;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.PolicyCommands.TagPolicy;
import dev.mayfly.issuer.api.PolicyCommands.UntagPolicy;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleCommands.TagRole;
import dev.mayfly.issuer.api.RoleCommands.UntagRole;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.SamlCommands.TagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UntagSamlProvider;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.api.UserCommands.TagUser;
import dev.mayfly.issuer.api.UserCommands.UntagUser;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.protocol.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * TagUser, UntagUser, ListUserTags and their counterparts for roles, managed policies, identity providers (OpenID
 * Connect, SAML) and MFA devices. Tagging is authorized with the tags as condition
 * keys (aws:RequestTag/key, aws:TagKeys), so that policies can say which tags a caller may set.
 */
public final class TagActions {

    private TagActions() {
    }

    /** What the actions need of a tagged entity. */
    private record Tagged(String arn, String accountId, Map<String, String> tags, String resourceType,
                          Function<Map<String, String>, Object> tag, Function<List<String>, Object> untag) {
    }

    /** An entity kind: the noun in the action names, and how to find one (authorizing the action with extra keys). */
    private record Kind(String noun, BiFunction<ActionContext, String, Tagged> lookup) {
    }

    public static List<QueryAction> all(IamServices services) {
        var directory = services.directory();
        var authorizer = services.authorizer();
        Kind user = new Kind("User", (context, action) -> {
            var u = ExistingResource.user(directory, authorizer, context, action, IamParameters.userName(context.parameters()));
            UserRef ref = new UserRef(u.accountId(), u.userName());
            return new Tagged(u.arn(), u.accountId().value(), u.tags(), "AWS::IAM::User",
                    tags -> new TagUser(ref, tags), keys -> new UntagUser(ref, keys));
        });
        Kind role = new Kind("Role", (context, action) -> {
            var r = ExistingResource.role(directory, authorizer, context, action, IamParameters.roleName(context.parameters()));
            RoleRef ref = new RoleRef(r.accountId(), r.roleName());
            return new Tagged(r.arn(), r.accountId().value(), r.tags(), "AWS::IAM::Role",
                    tags -> new TagRole(ref, tags), keys -> new UntagRole(ref, keys));
        });
        Kind policy = new Kind("Policy", (context, action) -> {
            var p = ManagedPolicyActions.find(directory, authorizer, context, action);
            PolicyRef ref = ManagedPolicyActions.ref(p);
            return new Tagged(p.arn(), p.accountId().value(), p.tags(), "AWS::IAM::Policy",
                    tags -> new TagPolicy(ref, tags), keys -> new UntagPolicy(ref, keys));
        });
        Kind oidcProvider = new Kind("OpenIDConnectProvider", (context, action) -> {
            var p = OidcProviderActions.find(services, context, action);
            OidcProviderRef ref = OidcProviderActions.ref(p);
            return new Tagged(p.arn(), p.accountId().value(), p.tags(), "AWS::IAM::OIDCProvider",
                    tags -> new TagOidcProvider(ref, tags), keys -> new UntagOidcProvider(ref, keys));
        });
        Kind samlProvider = new Kind("SAMLProvider", (context, action) -> {
            var p = SamlProviderActions.find(services, context, action);
            SamlProviderRef ref = new SamlProviderRef(p.accountId(), p.name());
            return new Tagged(p.arn(), p.accountId().value(), p.tags(), "AWS::IAM::SAMLProvider",
                    tags -> new TagSamlProvider(ref, tags), keys -> new UntagSamlProvider(ref, keys));
        });
        Kind mfaDevice = new Kind("MFADevice", (context, action) -> {
            var d = MfaActions.find(services, context, action);
            MfaDeviceRef ref = d.ref();
            return new Tagged(d.serialNumber(), d.accountId().value(), d.tags(), "AWS::IAM::MFADevice",
                    tags -> new TagMfaDevice(ref, tags), keys -> new UntagMfaDevice(ref, keys));
        });
        List<QueryAction> actions = new ArrayList<>();
        for (Kind kind : List.of(user, role, policy, oidcProvider, samlProvider, mfaDevice)) {
            actions.add(new DeclaredAction("Tag" + kind.noun(), AwsService.IAM, false) {
                @Override
                public ActionResult execute(ActionContext context) {
                    Map<String, String> tags = Tags.parse(context.parameters(), "InvalidInput");
                    Tagged entity = kind.lookup().apply(context.withRequestKeys(Tags.requestConditionKeys(tags)), "iam:" + name());
                    services.commands().sendAndWait(entity.tag().apply(tags));
                    return ActionResult.empty(resources(entity));
                }
            });
            actions.add(new DeclaredAction("Untag" + kind.noun(), AwsService.IAM, false) {
                @Override
                public ActionResult execute(ActionContext context) {
                    List<String> keys = Tags.keys(context.parameters(), "TagKeys", "tagKeys");
                    Tagged entity = kind.lookup().apply(context.withRequestKeys(Map.of("aws:TagKeys", keys)), "iam:" + name());
                    services.commands().sendAndWait(entity.untag().apply(keys));
                    return ActionResult.empty(resources(entity));
                }
            });
            actions.add(new DeclaredAction("List" + kind.noun() + "Tags", AwsService.IAM, true) {
                @Override
                public ActionResult execute(ActionContext context) {
                    Tagged entity = kind.lookup().apply(context, "iam:" + name());
                    Pages<Map.Entry<String, String>> page = Pages.of(List.copyOf(entity.tags().entrySet()), context.parameters());
                    return new ActionResult(xml -> page.write(xml, "Tags", (member, tag) ->
                            member.element("Key", tag.getKey()).element("Value", tag.getValue())), null, resources(entity));
                }
            });
        }
        return actions;
    }

    private static List<Resource> resources(Tagged entity) {
        return List.of(new Resource(entity.arn(), entity.accountId(), entity.resourceType()));
    }
}
