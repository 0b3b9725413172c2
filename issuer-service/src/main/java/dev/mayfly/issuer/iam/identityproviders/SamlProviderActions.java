package dev.mayfly.issuer.iam.identityproviders;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.SamlCommands.CreateSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.DeleteSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.TagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UntagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UpdateSamlProvider;
import dev.mayfly.issuer.api.SamlProviderRef;
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
import dev.mayfly.issuer.query.Views.SamlProviderView;
import dev.mayfly.issuer.saml.SamlMetadata;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAML identity providers: Create (with tags), Get, Update, Delete and List. A provider is its metadata document, checked on write:
 * it must name the identity provider's entity id and at least one signing certificate. Mayfly keeps documents up to
 * 512 KiB (IAM takes more; a real metadata document is a few KiB).
 */
public final class SamlProviderActions implements ActionGroup {

    static final int MAX_METADATA_CHARS = 512 * 1024;
    private static final Pattern ARN = Pattern.compile("arn:aws:iam::(\\d{12}):saml-provider/([\\w._-]+)");

    private final IamServices services;

    public SamlProviderActions(IamServices services) {
        this.services = services;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new CreateSAMLProviderAction(services),
                new GetSAMLProviderAction(services),
                new UpdateSAMLProviderAction(services),
                new DeleteSAMLProviderAction(services),
                new ListSAMLProvidersAction(services),
                new TagActions.Tag("TagSAMLProvider", this::tagged, services),
                new TagActions.Untag("UntagSAMLProvider", this::tagged, services),
                new TagActions.ListTags("ListSAMLProviderTags", this::tagged, services));
    }

    private Tagged tagged(ActionContext context, String iamAction) {
        SamlProviderView provider = find(services, context, iamAction);
        SamlProviderRef ref = new SamlProviderRef(provider.accountId(), provider.name());
        return new Tagged(provider.arn(), provider.accountId().value(), provider.tags(), "AWS::IAM::SAMLProvider",
                tags -> new TagSamlProvider(ref, tags), keys -> new UntagSamlProvider(ref, keys));
    }

    /** CreateSAMLProvider. */
    static final class CreateSAMLProviderAction extends IamAction {

        CreateSAMLProviderAction(IamServices services) {
            super("CreateSAMLProvider", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String name = QueryParameters.matching(context.parameters().required("Name", "name", 1, 128), "name", "[\\w._-]+");
            String metadata = metadata(context.parameters());
            Map<String, String> tags = Tags.parse(context.parameters(), "InvalidInput");
            SamlProviderRef ref = new SamlProviderRef(context.caller().accountId(), name);
            authorizeCreation(context, "iam:CreateSAMLProvider", "iam:TagSAMLProvider", ref.arn(), tags);
            AccountQuota.SAML_PROVIDERS.requireRoomForOneMore(directory, context.caller().accountId());
            commands.sendAndWait(new CreateSamlProvider(ref, metadata, tags, context.now()));
            return new ActionResult(xml -> {
                xml.element("SAMLProviderArn", ref.arn());
                RoleXml.tags(xml, tags);
            }, Map.of("sAMLProviderArn", ref.arn()),
                    List.of(resource(ref.arn(), ref.account().value())));
        }
    }

    /** GetSAMLProvider. */
    static final class GetSAMLProviderAction extends IamAction {

        GetSAMLProviderAction(IamServices services) {
            super("GetSAMLProvider", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            SamlProviderView provider = find(services, context, "iam:GetSAMLProvider");
            return new ActionResult(xml -> {
                xml.element("SAMLMetadataDocument", provider.metadataDocument())
                        .element("CreateDate", provider.createdAt()).element("ValidUntil", provider.metadata().validUntil());
                RoleXml.tags(xml, provider.tags());
            },
                    null, List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /** UpdateSAMLProvider. */
    static final class UpdateSAMLProviderAction extends IamAction {

        UpdateSAMLProviderAction(IamServices services) {
            super("UpdateSAMLProvider", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            String metadata = metadata(context.parameters());
            SamlProviderView provider = find(services, context, "iam:UpdateSAMLProvider");
            commands.sendAndWait(new UpdateSamlProvider(new SamlProviderRef(provider.accountId(), provider.name()),
                    metadata, context.now()));
            return new ActionResult(xml -> xml.element("SAMLProviderArn", provider.arn()), null,
                    List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /** DeleteSAMLProvider. */
    static final class DeleteSAMLProviderAction extends IamAction {

        DeleteSAMLProviderAction(IamServices services) {
            super("DeleteSAMLProvider", false, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            SamlProviderView provider = find(services, context, "iam:DeleteSAMLProvider");
            commands.sendAndWait(new DeleteSamlProvider(new SamlProviderRef(provider.accountId(), provider.name())));
            return ActionResult.empty(List.of(resource(provider.arn(), provider.accountId().value())));
        }
    }

    /** ListSAMLProviders. */
    static final class ListSAMLProvidersAction extends IamAction {

        ListSAMLProvidersAction(IamServices services) {
            super("ListSAMLProviders", true, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            authorizer.authorize(context.caller(), "iam:ListSAMLProviders", "*", context.conditionKeys());
            List<SamlProviderView> providers = directory.samlProvidersIn(context.caller().accountId());
            return new ActionResult(xml -> {
                xml.start("SAMLProviderList");
                providers.forEach(p -> xml.start("member").element("Arn", p.arn()).element("ValidUntil", p.metadata().validUntil())
                        .element("CreateDate", p.createdAt()).end());
                xml.end();
            }, null, List.of());
        }
    }

    /** SAMLMetadataDocument, parsed to make sure it can be used. */
    private static String metadata(QueryParameters parameters) {
        String document = parameters.required("SAMLMetadataDocument", "sAMLMetadataDocument", 1000, MAX_METADATA_CHARS);
        SamlMetadata.parse(document);
        return document;
    }

    static SamlProviderView find(IamServices services, ActionContext context, String action) {
        String arn = context.parameters().required("SAMLProviderArn", "sAMLProviderArn", 20, 2048);
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw AwsServiceException.validation("ARN " + arn + " is not valid.");
        }
        services.authorizer().authorize(context.caller(), action, arn, context.conditionKeys());
        return services.directory().samlProvider(new SamlProviderRef(context.caller().accountId(), m.group(2)))
                .filter(p -> p.arn().equals(arn))
                .orElseThrow(() -> IamErrors.noSuchEntity("Manifest not found for arn " + arn));
    }

    private static Resource resource(String arn, String account) {
        return new Resource(arn, account, "AWS::IAM::SAMLProvider");
    }
}
