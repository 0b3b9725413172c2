package dev.mayfly.issuer.iam;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.IdentityDirectory;
import java.util.List;
import java.util.function.Function;

/**
 * Put/Delete User/Role PermissionsBoundary: a customer-managed policy that bounds what the user or role (and its
 * sessions) may do; its identity policies only count where the boundary allows too. The four actions differ only in
 * the entity, so each is one of these two classes, named and given its {@link EntityLookup} by the resource group
 * that serves it.
 */
public final class PermissionsBoundaryActions {

    private PermissionsBoundaryActions() {
    }

    /**
     * The PermissionsBoundary parameter: an existing managed policy of the caller's account, or null. Look only once
     * the caller is authorized, so that it learns nothing of policies it may not use.
     */
    public static String boundary(IdentityDirectory directory, ActionContext context) {
        String arn = context.parameters().optional("PermissionsBoundary", "permissionsBoundary", 20, 2048, null);
        if (arn == null) {
            return null;
        }
        return PolicyArns.existing(directory, arn, context.caller().accountId()).map(p -> p.arn())
                .orElseThrow(() -> IamErrors.noSuchEntity("Scope ARN: " + arn + " does not exist or is not attachable."));
    }

    /**
     * What the actions need of a user or role: the resource for the audit record, and the command that sets its
     * boundary (null for none).
     */
    public record Bounded(Resource resource, Function<String, Object> setBoundary) {
    }

    /** PutUserPermissionsBoundary, PutRolePermissionsBoundary. */
    public static final class Put extends SharedAction<EntityLookup<Bounded>> {

        public Put(String name, EntityLookup<Bounded> lookup, IamServices services) {
            super(name, false, lookup, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            context.parameters().required("PermissionsBoundary", "permissionsBoundary", 20, 2048);
            Bounded entity = kind.find(context, "iam:" + name());
            String arn = boundary(directory, context);
            commands.sendAndWait(entity.setBoundary().apply(arn));
            return ActionResult.empty(List.of(entity.resource()));
        }
    }

    /** DeleteUserPermissionsBoundary, DeleteRolePermissionsBoundary. */
    public static final class Delete extends SharedAction<EntityLookup<Bounded>> {

        public Delete(String name, EntityLookup<Bounded> lookup, IamServices services) {
            super(name, false, lookup, services);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            Bounded entity = kind.find(context, "iam:" + name());
            commands.sendAndWait(entity.setBoundary().apply(null));
            return ActionResult.empty(List.of(entity.resource()));
        }
    }
}
