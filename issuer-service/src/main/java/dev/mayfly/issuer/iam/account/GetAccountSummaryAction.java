package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.iam.AccountQuota;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.iam.IamServices;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetAccountSummary: the SummaryMap IAM answers, the account's entities counted from the directory beside IAM's
 * default quotas (those Mayfly enforces where it enforces one: entities per account, access keys, groups per user,
 * attached policies, policy sizes and versions). What Mayfly does not keep (server and signing certificates, a root
 * MFA device) counts zero.
 */
final class GetAccountSummaryAction extends IamAction {

    /** IAM's default quotas, by SummaryMap key. */
    private static final Map<String, Integer> QUOTAS = quotas();

    GetAccountSummaryAction(IamServices services) {
        super("GetAccountSummary", true, services);
    }

    @Override
    public ActionResult execute(ActionContext context) {
        authorizer.authorize(context.caller(), "iam:GetAccountSummary", "*", context.conditionKeys());
        Map<String, Integer> summary = summary(directory, context.caller().accountId());
        return new ActionResult(xml -> {
            xml.start("SummaryMap");
            summary.forEach((key, value) -> xml.start("entry").element("key", key).element("value", value).end());
            xml.end();
        }, null, List.of());
    }

    static Map<String, Integer> summary(IdentityDirectory directory, AccountId account) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        List<ManagedPolicyView> policies = directory.managedPoliciesIn(account);
        var devices = directory.mfaDevicesIn(account);
        summary.put("Users", directory.usersIn(account).size());
        summary.put("Groups", directory.groupsIn(account).size());
        summary.put("Roles", directory.rolesIn(account).size());
        summary.put("Policies", policies.size());
        summary.put("PolicyVersionsInUse", policies.stream().filter(p -> p.attachmentCount() > 0).mapToInt(p -> p.versions().size()).sum());
        summary.put("InstanceProfiles", directory.instanceProfilesIn(account).size());
        summary.put("MFADevices", devices.size());
        summary.put("MFADevicesInUse", (int) devices.stream().filter(d -> d.userName() != null).count());
        summary.put("Providers", directory.oidcProvidersIn(account).size() + directory.samlProvidersIn(account).size());
        summary.put("ServerCertificates", 0);
        summary.put("AccountMFAEnabled", 0);
        summary.put("AccountAccessKeysPresent", directory.rootAccessKeysOf(account).isEmpty() ? 0 : 1);
        summary.put("AccountSigningCertificatesPresent", 0);
        summary.put("GlobalEndpointTokenVersion", 1);
        summary.putAll(QUOTAS);
        return summary;
    }

    private static Map<String, Integer> quotas() {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        for (AccountQuota quota : AccountQuota.values()) {
            if (quota.summaryKey() != null) {
                quotas.put(quota.summaryKey(), quota.limit());
            }
        }
        quotas.put("ServerCertificatesQuota", 20);
        quotas.put("AccessKeysPerUserQuota", 2);
        quotas.put("GroupsPerUserQuota", 10);
        quotas.put("SigningCertificatesPerUserQuota", 2);
        quotas.put("AttachedPoliciesPerUserQuota", 10);
        quotas.put("AttachedPoliciesPerGroupQuota", 10);
        quotas.put("AttachedPoliciesPerRoleQuota", 10);
        quotas.put("PolicySizeQuota", 6144);
        quotas.put("PolicyVersionsInUseQuota", 10000);
        quotas.put("VersionsPerPolicyQuota", 5);
        quotas.put("UserPolicySizeQuota", 2048);
        quotas.put("GroupPolicySizeQuota", 5120);
        quotas.put("RolePolicySizeQuota", 10240);
        quotas.put("AssumeRolePolicySizeQuota", 2048);
        return Collections.unmodifiableMap(quotas);
    }
}
