package dev.mayfly.issuer.iam.identityproviders;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.OidcCommands.AddOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.CreateOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.DeleteOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.RemoveOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.TagOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.UntagOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.UpdateOidcThumbprints;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.RoleXml;
import dev.mayfly.issuer.iam.TagActions;
import dev.mayfly.issuer.iam.TagActions.Tagged;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * OpenID Connect identity providers: Create (with tags), Get, List, Delete, Add/RemoveClientID and UpdateThumbprint. The URL is the
 * issuer of the tokens the provider vouches for (https only); the client ids are the audiences accepted; the
 * thumbprints (SHA-1 of the certificate at the top of the chain that serves the provider's keys) let a provider whose
 * certificate no public authority signed be trusted.
 */
public final class OidcProviderActions implements ActionGroup {

    private static final String THUMBPRINT_PATTERN = "[0-9a-fA-F]{40}";

    private final IamServices services;

    public OidcProviderActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateOpenIDConnectProviderAction(services),
                new GetOpenIDConnectProviderAction(services),
                new ListOpenIDConnectProvidersAction(services),
                new DeleteOpenIDConnectProviderAction(services),
                new ClientIdChange("AddClientIDToOpenIDConnectProvider", AddOidcClientId::new, services),
                new ClientIdChange("RemoveClientIDFromOpenIDConnectProvider", RemoveOidcClientId::new, services),
                new UpdateOpenIDConnectProviderThumbprintAction(services),
                new TagActions.Tag("TagOpenIDConnectProvider", this::tagged, services),
                new TagActions.Untag("UntagOpenIDConnectProvider", this::tagged, services),
                new TagActions.ListTags("ListOpenIDConnectProviderTags", this::tagged, services));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        OidcProviderView provider = find(services, context, iamAction);
        OidcProviderRef ref = ref(provider);
        return new Tagged(provider.arn(), provider.accountId().value(), provider.tags(), "AWS::IAM::OIDCProvider",
                tags -> new TagOidcProvider(ref, tags), keys -> new UntagOidcProvider(ref, keys));
    }

    /** CreateOpenIDConnectProvider. */
    static final class CreateOpenIDConnectProviderAction extends IamAction {

        CreateOpenIDConnectProviderAction(IamServices services) {
            super("CreateOpenIDConnectProvider", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String url = context.parameters().required("Url", "url", 1, 255);
            if (!url.toLowerCase(java.util.Locale.ROOT).startsWith("https://") || url.length() <= "https://".length()) {
                throw new AwsServiceException("InvalidInput", "Invalid URL: an OpenID Connect provider's URL starts with https://.", 400);
            }
            List<String> clientIds = clientIds(context.parameters().members("ClientIDList"));
            List<String> thumbprints = thumbprints(context.parameters().members("ThumbprintList"));
            Map<String, String> tags = Tags.parse(context.parameters(), "InvalidInput");
            OidcProviderRef ref = OidcProviderRef.ofUrl(context.caller().accountId(), url);
            authorizeCreation(context, "iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider",
                    ref.arn(), tags);
            AccountQuota.OPEN_ID_CONNECT_PROVIDERS.requireRoomForOneMore(directory, context.caller().accountId());
            commands.sendAndWait(new CreateOidcProvider(ref, url.replaceAll("/+$", ""), clientIds, thumbprints, tags,
                    context.now()));
            return new ActionResult(xml -> {
                xml.element("OpenIDConnectProviderArn", ref.arn());
                RoleXml.tags(xml, tags);
            },
                    Map.of("openIDConnectProviderArn", ref.arn()), resources(ref));
        }
    }

    /** GetOpenIDConnectProvider. */
    static final class GetOpenIDConnectProviderAction extends IamAction {

        GetOpenIDConnectProviderAction(IamServices services) {
            super("GetOpenIDConnectProvider", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            OidcProviderView provider = find(services, context, "iam:GetOpenIDConnectProvider");
            return new ActionResult(xml -> {
                xml.element("Url", provider.url().replaceFirst("^(?i)https://", ""));
                xml.start("ClientIDList");
                provider.clientIds().forEach(id -> xml.start("member").text(id).end());
                xml.end().start("ThumbprintList");
                provider.thumbprints().forEach(t -> xml.start("member").text(t).end());
                xml.end().element("CreateDate", provider.createdAt());
                RoleXml.tags(xml, provider.tags());
            }, null, List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /** ListOpenIDConnectProviders. */
    static final class ListOpenIDConnectProvidersAction extends IamAction {

        ListOpenIDConnectProvidersAction(IamServices services) {
            super("ListOpenIDConnectProviders", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            authorizer.authorize(context.caller(), "iam:ListOpenIDConnectProviders", "*", context.conditionKeys());
            List<OidcProviderView> providers = directory.oidcProvidersIn(context.caller().accountId());
            return new ActionResult(xml -> {
                xml.start("OpenIDConnectProviderList");
                providers.forEach(p -> xml.start("member").element("Arn", p.arn()).end());
                xml.end();
            }, null, List.of());
        }
    }

    /** DeleteOpenIDConnectProvider. */
    static final class DeleteOpenIDConnectProviderAction extends IamAction {

        DeleteOpenIDConnectProviderAction(IamServices services) {
            super("DeleteOpenIDConnectProvider", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            OidcProviderView provider = find(services, context, "iam:DeleteOpenIDConnectProvider");
            commands.sendAndWait(new DeleteOidcProvider(ref(provider)));
            return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /**
     * AddClientIDToOpenIDConnectProvider and RemoveClientIDFromOpenIDConnectProvider: the same parameters, the same
     * checks, another command.
     */
    static final class ClientIdChange extends IamAction {

        private final BiFunction<OidcProviderRef, String, Object> command;

        ClientIdChange(String name, BiFunction<OidcProviderRef, String, Object> command, IamServices services) {
            super(name, false, services);
            this.command = command;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String clientId = clientId(context.parameters().required("ClientID", "clientID", 1, 255));
            OidcProviderView provider = find(services, context, "iam:" + name());
            commands.sendAndWait(command.apply(ref(provider), clientId));
            return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /** UpdateOpenIDConnectProviderThumbprint. */
    static final class UpdateOpenIDConnectProviderThumbprintAction extends IamAction {

        UpdateOpenIDConnectProviderThumbprintAction(IamServices services) {
            super("UpdateOpenIDConnectProviderThumbprint", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            List<String> thumbprints = thumbprints(context.parameters().members("ThumbprintList"));
            OidcProviderView provider = find(services, context, "iam:UpdateOpenIDConnectProviderThumbprint");
            commands.sendAndWait(new UpdateOidcThumbprints(ref(provider), thumbprints));
            return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /** Authorizes against the provider's ARN, then finds it in the caller's account. */
    static OidcProviderView find(IamServices services, ActionContext context, String action) {
        String arn = context.parameters().required("OpenIDConnectProviderArn", "openIDConnectProviderArn", 20, 2048);
        OidcProviderRef ref = OidcProviderRef.parseArn(arn).orElseThrow(() -> AwsServiceException.validation("ARN " + arn + " is not valid."));
        services.authorizer().authorize(context.caller(), action, arn, context.conditionKeys());
        return services.directory().oidcProvider(ref).filter(p -> ref.account().equals(context.caller().accountId()))
                .orElseThrow(() -> IamErrors.noSuchEntity("OpenIDConnect Provider not found for arn " + arn));
    }

    private static List<String> clientIds(List<String> values) {
        return values.stream().map(OidcProviderActions::clientId).distinct().toList();
    }

    private static String clientId(String value) {
        if (value.isEmpty() || value.length() > 255) {
            throw AwsServiceException.validation("1 validation error detected: Value at 'clientIDList' failed to satisfy constraint: "
                    + "Member must have length between 1 and 255");
        }
        return value;
    }

    private static List<String> thumbprints(List<String> values) {
        return values.stream().map(t -> QueryParameters.matching(t, "thumbprintList", THUMBPRINT_PATTERN).toLowerCase(java.util.Locale.ROOT))
                .distinct().toList();
    }

    static OidcProviderRef ref(OidcProviderView provider) {
        return OidcProviderRef.ofUrl(provider.accountId(), provider.url());
    }

    private static List<Resource> resources(OidcProviderRef ref) {
        return List.of(resource(ref.arn(), ref.account().value()));
    }

    private static Resource resource(String arn, String account) {
        return new Resource(arn, account, "AWS::IAM::OIDCProvider");
    }
}
