package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * TagUser, UntagUser, ListUserTags and their counterparts for roles, managed policies, identity providers (OpenID
 * Connect, SAML) and MFA devices: eighteen actions that differ only in the entity, so each is one of these three
 * classes, named and given its {@link EntityLookup} by the resource group that serves it. Tagging is authorized with
 * the tags as condition keys (aws:RequestTag/key, aws:TagKeys), so that policies can say which tags a caller may set.
 */
public final class TagActions {

    private TagActions() {
    }

    /**
     * What the actions need of a tagged entity: where it is, its tags, and the commands that tag and untag it.
     *
     * @param resourceType CloudTrail's type of the entity, for the audit record (AWS::IAM::User...)
     */
    public record Tagged(String arn, String accountId, Map<String, String> tags, String resourceType,
                         Function<Map<String, String>, Object> tag, Function<List<String>, Object> untag) {

        List<Resource> resources() {
            return List.of(new Resource(arn, accountId, resourceType));
        }
    }

    /** TagUser, TagRole, TagPolicy... */
    public static final class Tag extends SharedAction<EntityLookup<Tagged>> {

        public Tag(String name, EntityLookup<Tagged> lookup, IamServices services) {
            super(name, false, lookup, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Map<String, String> tags = Tags.parse(context.parameters(), "InvalidInput");
            Tagged entity = kind.find(context.withRequestKeys(Tags.requestConditionKeys(tags)), "iam:" + name());
            commands.sendAndWait(entity.tag().apply(tags));
            return ActionResult.empty(entity.resources());
        }
    }

    /** UntagUser, UntagRole, UntagPolicy... */
    public static final class Untag extends SharedAction<EntityLookup<Tagged>> {

        public Untag(String name, EntityLookup<Tagged> lookup, IamServices services) {
            super(name, false, lookup, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            List<String> keys = Tags.keys(context.parameters(), "TagKeys", "tagKeys");
            Tagged entity = kind.find(context.withRequestKeys(Map.of("aws:TagKeys", keys)), "iam:" + name());
            commands.sendAndWait(entity.untag().apply(keys));
            return ActionResult.empty(entity.resources());
        }
    }

    /** ListUserTags, ListRoleTags, ListPolicyTags... */
    public static final class ListTags extends SharedAction<EntityLookup<Tagged>> {

        public ListTags(String name, EntityLookup<Tagged> lookup, IamServices services) {
            super(name, true, lookup, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Tagged entity = kind.find(context, "iam:" + name());
            Pages<Map.Entry<String, String>> page = Pages.of(List.copyOf(entity.tags().entrySet()), context.parameters());
            return new ActionResult(xml -> page.write(xml, "Tags", (member, tag) ->
                    member.element("Key", tag.getKey()).element("Value", tag.getValue())), null, entity.resources());
        }
    }
}
