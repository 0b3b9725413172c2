package dev.mayfly.issuer.iam.users;

import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.issuer.iam.ExistingResource;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamParameters;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.iam.Pages;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;

/**
 * ListSSHPublicKeys, ListSigningCertificates and ListServiceSpecificCredentials: a user's credentials of kinds Mayfly
 * does not keep (no CodeCommit, no SOAP signing, no service-specific passwords), so always an empty list, with IAM's
 * paging elements. Served because tools that clean a user up before deleting it (Terraform's force_destroy) list them;
 * the user must exist and the caller be allowed, as for any user action (UserName defaults to the calling user).
 */
final class EmptyCredentialListAction extends IamAction {

    private final String listElement;

    /** @param listElement the element of the answer that holds the list (SSHPublicKeys, Certificates...) */
    EmptyCredentialListAction(String name, String listElement, IamServices services) {
        super(name, true, services);
        this.listElement = listElement;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        UserView user = ExistingResource.user(directory, authorizer, context, "iam:" + name(),
                IamParameters.userNameOrCaller(context.parameters(), context.caller()));
        Pages<Object> page = Pages.of(List.of(), context.parameters());
        return new ActionResult(xml -> page.write(xml, listElement, (member, nothing) -> { }), null,
                List.of(new Resource(user.arn(), user.accountId().value(), "AWS::IAM::User")));
    }
}
