package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.OidcCommands.AddOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.CreateOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.DeleteOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.RemoveOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.UpdateOidcThumbprints;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenID Connect identity providers: Create (with tags), Get, List, Delete, Add/RemoveClientID and UpdateThumbprint. The URL is the
 * issuer of the tokens the provider vouches for (https only); the client ids are the audiences accepted; the
 * thumbprints (SHA-1 of the certificate at the top of the chain that serves the provider's keys) let a provider whose
 * certificate no public authority signed be trusted.
 */
public final class OidcProviderActions {

    private static final Pattern ARN = Pattern.compile("arn:aws:iam::(\\d{12}):oidc-provider/(.+)");
    private static final String THUMBPRINT_PATTERN = "[0-9a-fA-F]{40}";

    private OidcProviderActions() {
    }

    public static List<QueryAction> all(IamServices services) {
        return List.of(create(services), get(services), list(services), delete(services), addClientId(services),
                removeClientId(services), updateThumbprints(services));
    }

    private static QueryAction create(IamServices services) {
        return new DeclaredAction("CreateOpenIDConnectProvider", AwsService.IAM, false) {
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
                IamAction.authorizeCreation(services.authorizer(), context, "iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider",
                        ref.arn(), tags);
                services.commands().sendAndWait(new CreateOidcProvider(ref, url.replaceAll("/+$", ""), clientIds, thumbprints, tags,
                        context.now()));
                return new ActionResult(xml -> {
                    xml.element("OpenIDConnectProviderArn", ref.arn());
                    RoleXml.tags(xml, tags);
                },
                        Map.of("openIDConnectProviderArn", ref.arn()), resources(ref));
            }
        };
    }

    private static QueryAction get(IamServices services) {
        return new DeclaredAction("GetOpenIDConnectProvider", AwsService.IAM, true) {
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
        };
    }

    private static QueryAction list(IamServices services) {
        return new DeclaredAction("ListOpenIDConnectProviders", AwsService.IAM, true) {
            @Override
            public ActionResult execute(ActionContext context) {
                services.authorizer().authorize(context.caller(), "iam:ListOpenIDConnectProviders", "*", context.conditionKeys());
                List<OidcProviderView> providers = services.directory().oidcProvidersIn(context.caller().accountId());
                return new ActionResult(xml -> {
                    xml.start("OpenIDConnectProviderList");
                    providers.forEach(p -> xml.start("member").element("Arn", p.arn()).end());
                    xml.end();
                }, null, List.of());
            }
        };
    }

    private static QueryAction delete(IamServices services) {
        return new DeclaredAction("DeleteOpenIDConnectProvider", AwsService.IAM, false) {
            @Override
            public ActionResult execute(ActionContext context) {
                OidcProviderView provider = find(services, context, "iam:DeleteOpenIDConnectProvider");
                services.commands().sendAndWait(new DeleteOidcProvider(ref(provider)));
                return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
            }
        };
    }

    private static QueryAction addClientId(IamServices services) {
        return clientIdChange(services, "AddClientIDToOpenIDConnectProvider", AddOidcClientId::new);
    }

    private static QueryAction removeClientId(IamServices services) {
        return clientIdChange(services, "RemoveClientIDFromOpenIDConnectProvider", RemoveOidcClientId::new);
    }

    /** Add or remove a client id: the same parameters, the same checks, another command. */
    private static QueryAction clientIdChange(IamServices services, String name, BiFunction<OidcProviderRef, String, Object> command) {
        return new DeclaredAction(name, AwsService.IAM, false) {
            @Override
            public ActionResult execute(ActionContext context) {
                String clientId = clientId(context.parameters().required("ClientID", "clientID", 1, 255));
                OidcProviderView provider = find(services, context, "iam:" + name);
                services.commands().sendAndWait(command.apply(ref(provider), clientId));
                return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
            }
        };
    }

    private static QueryAction updateThumbprints(IamServices services) {
        return new DeclaredAction("UpdateOpenIDConnectProviderThumbprint", AwsService.IAM, false) {
            @Override
            public ActionResult execute(ActionContext context) {
                List<String> thumbprints = thumbprints(context.parameters().members("ThumbprintList"));
                OidcProviderView provider = find(services, context, "iam:UpdateOpenIDConnectProviderThumbprint");
                services.commands().sendAndWait(new UpdateOidcThumbprints(ref(provider), thumbprints));
                return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
            }
        };
    }

    /** Authorizes against the provider's ARN, then finds it in the caller's account. */
    static OidcProviderView find(IamServices services, ActionContext context, String action) {
        String arn = context.parameters().required("OpenIDConnectProviderArn", "openIDConnectProviderArn", 20, 2048);
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw AwsServiceException.validation("ARN " + arn + " is not valid.");
        }
        services.authorizer().authorize(context.caller(), action, arn, context.conditionKeys());
        return services.directory().oidcProvider(OidcProviderRef.ofUrl(context.caller().accountId(), m.group(2)))
                .filter(p -> m.group(1).equals(context.caller().accountId().value()))
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
