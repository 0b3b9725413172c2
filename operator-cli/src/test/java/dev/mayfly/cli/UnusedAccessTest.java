package dev.mayfly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ./mayfly policy unused concludes from IAM's answers and the trail's: group policies count as granted, Deny and
 * NotAction statements grant no action by name, wildcards match as IAM matches them, and a key IAM saw used in the
 * window is used even when the trail holds none of its calls.
 */
class UnusedAccessTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");
    private static final String ALICE = "arn:aws:iam::111122223333:user/team/alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";
    private static final String ROLE = "arn:aws:iam::111122223333:role/app";

    private static String encoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8);
    }

    /** One page of GetAccountAuthorizationDetails: alice in group readers, bob alone, role app with a managed policy. */
    private static final String DETAILS = """
            <GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
             <GetAccountAuthorizationDetailsResult>
              <UserDetailList>
               <member><UserName>alice</UserName><Arn>%s</Arn>
                <UserPolicyList><member><PolicyName>own</PolicyName><PolicyDocument>%s</PolicyDocument></member></UserPolicyList>
                <GroupList><member>readers</member></GroupList><AttachedManagedPolicies/></member>
               <member><UserName>bob</UserName><Arn>%s</Arn><UserPolicyList/><GroupList/><AttachedManagedPolicies/></member>
              </UserDetailList>
              <GroupDetailList>
               <member><GroupName>readers</GroupName>
                <GroupPolicyList><member><PolicyName>read</PolicyName><PolicyDocument>%s</PolicyDocument></member></GroupPolicyList>
                <AttachedManagedPolicies/></member>
              </GroupDetailList>
              <RoleDetailList>
               <member><RoleName>app</RoleName><Arn>%s</Arn><RolePolicyList/>
                <AttachedManagedPolicies><member><PolicyName>deployer</PolicyName><PolicyArn>arn:aws:iam::111122223333:policy/deployer</PolicyArn></member></AttachedManagedPolicies>
               </member>
              </RoleDetailList>
              <Policies>
               <member><Arn>arn:aws:iam::111122223333:policy/deployer</Arn><PolicyVersionList>
                <member><Document>%s</Document><VersionId>v1</VersionId><IsDefaultVersion>false</IsDefaultVersion></member>
                <member><Document>%s</Document><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion></member>
               </PolicyVersionList></member>
              </Policies>
              <IsTruncated>false</IsTruncated>
             </GetAccountAuthorizationDetailsResult>
            </GetAccountAuthorizationDetailsResponse>""".formatted(ALICE,
            encoded("""
                    {"Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","iam:Get*"],"Resource":"*"},
                    {"Effect":"Deny","Action":"iam:DeleteUser","Resource":"*"},{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"""),
            BOB,
            encoded("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:List?ser*\",\"Resource\":\"*\"}}"),
            ROLE,
            encoded("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:DeleteRole\",\"Resource\":\"*\"}}"),
            encoded("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"IAM:GetRole\",\"Resource\":\"*\"}}"));

    @Test
    void ofWhenGroupsManagedVersionsAndDenyThenGrantedAsIamReadsThem() {
        AccountAuthorization authorization = AccountAuthorization.of(List.of(DETAILS));

        assertThat(authorization.principals()).extracting(AccountAuthorization.Principal::arn).containsExactly(ALICE, BOB, ROLE);
        assertThat(authorization.principals().get(0).granted()).containsExactly("sts:AssumeRole", "iam:Get*", "iam:List?ser*");
        assertThat(authorization.principals().get(1).granted()).isEmpty();
        assertThat(authorization.principals().get(2).granted()).as("the default version only").containsExactly("IAM:GetRole");
    }

    @Test
    void ofWhenActionsUsedMatchWildcardsThenOnlyTheOthersUnused() throws Exception {
        JsonNode activity = Json.mapper().readTree("""
                {"Users":[{"Arn":"%s","Actions":["iam:GetUser","iam:ListUsers"]}],
                 "Roles":[{"Arn":"%s","Actions":["iam:GetRole"]}],"AccessKeys":[],"IsComplete":true}""".formatted(ALICE, ROLE));

        UnusedAccess report = UnusedAccess.of(AccountAuthorization.of(List.of(DETAILS)), List.of(), activity, SINCE);

        assertThat(report.unusedActions()).containsOnlyKeys(ALICE);
        assertThat(report.unusedActions().get(ALICE)).containsExactly("sts:AssumeRole");
        assertThat(report.unusedUsers()).containsExactly(BOB);
        assertThat(report.unusedRoles()).isEmpty();
    }

    @Test
    void ofWhenIamSawAKeyUsedInTheWindowThenItsUserAndKeyAreUsed() throws Exception {
        JsonNode nothing = Json.mapper().readTree("{\"Users\":[],\"Roles\":[],\"AccessKeys\":[]}");
        UnusedAccess.AccessKey recent = new UnusedAccess.AccessKey("AKIARECENT", "bob", "Active", SINCE.plusSeconds(60));
        UnusedAccess.AccessKey old = new UnusedAccess.AccessKey("AKIAOLD", "alice", "Inactive", SINCE.minusSeconds(60));

        UnusedAccess report = UnusedAccess.of(AccountAuthorization.of(List.of(DETAILS)), List.of(recent, old), nothing, SINCE);

        assertThat(report.unusedUsers()).containsExactly(ALICE);
        assertThat(report.unusedRoles()).containsExactly(ROLE);
        assertThat(report.unusedAccessKeys()).containsExactly(old);
        assertThat(report.text("111122223333", 7)).contains("AKIAOLD  user alice, Inactive, last used " + SINCE.minusSeconds(60));
    }

    @Test
    void matchesWhenIamWildcardsThenCaseInsensitiveWithStarAndQuestionMark() {
        assertThat(UnusedAccess.matches("*", "sts:AssumeRole")).isTrue();
        assertThat(UnusedAccess.matches("IAM:get*", "iam:GetUser")).isTrue();
        assertThat(UnusedAccess.matches("iam:List?sers", "iam:ListUsers")).isTrue();
        assertThat(UnusedAccess.matches("iam:List?sers", "iam:ListAUsers")).isFalse();
        assertThat(UnusedAccess.matches("iam:Get.ser", "iam:GetUser")).as("a dot is a dot").isFalse();
        assertThat(UnusedAccess.matches("iam:GetUser", "iam:GetUserPolicy")).isFalse();
    }
}
