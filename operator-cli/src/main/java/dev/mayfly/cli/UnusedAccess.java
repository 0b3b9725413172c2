package dev.mayfly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.cli.AccountAuthorization.Principal;
import dev.mayfly.contract.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an account granted and did not use since a cutoff, from IAM (who exists, what each is granted, when each access
 * key was last used) and the trail (who was active, with which actions: the audit API's ListPrincipalActivity). A user
 * is used when it made a call or one of its keys was used; a role when a session of it made a call; a key when it signed
 * a call; a granted action (as a policy writes it, wildcards included) when the principal used an action it matches.
 *
 * @param unusedActions by principal ARN, the granted actions it did not use (every one, for a principal not used at all)
 * @param complete      false when the trail's answer was cut short (more principals or keys than one answer lists)
 */
record UnusedAccess(Instant since, List<String> unusedUsers, List<String> unusedRoles, List<AccessKey> unusedAccessKeys,
                    Map<String, List<String>> unusedActions, boolean complete) {

    /** A user's long-term access key, with IAM's own last-used date (null when never used). */
    record AccessKey(String accessKeyId, String userName, String status, Instant lastUsed) {
    }

    static UnusedAccess of(AccountAuthorization authorization, List<AccessKey> keys, JsonNode activity, Instant since) {
        Map<String, Set<String>> usedActions = new HashMap<>();
        for (String list : List.of("Users", "Roles")) {
            activity.path(list).forEach(principal -> {
                Set<String> actions = usedActions.computeIfAbsent(principal.path("Arn").asText(), arn -> new HashSet<>());
                principal.path("Actions").forEach(action -> actions.add(action.asText()));
            });
        }
        Set<String> keysInTrail = new HashSet<>();
        activity.path("AccessKeys").forEach(key -> keysInTrail.add(key.path("AccessKeyId").asText()));
        List<AccessKey> unusedKeys = new ArrayList<>();
        Set<String> usersWithUsedKeys = new HashSet<>();
        for (AccessKey key : keys) {
            if (keysInTrail.contains(key.accessKeyId()) || key.lastUsed() != null && !key.lastUsed().isBefore(since)) {
                usersWithUsedKeys.add(key.userName());
            } else {
                unusedKeys.add(key);
            }
        }
        List<String> unusedUsers = new ArrayList<>();
        List<String> unusedRoles = new ArrayList<>();
        Map<String, List<String>> unusedActions = new LinkedHashMap<>();
        for (Principal principal : authorization.principals()) {
            boolean used = usedActions.containsKey(principal.arn()) || !principal.isRole() && usersWithUsedKeys.contains(principal.name());
            if (!used) {
                (principal.isRole() ? unusedRoles : unusedUsers).add(principal.arn());
            }
            Set<String> actions = usedActions.getOrDefault(principal.arn(), Set.of());
            List<String> idle = principal.granted().stream().filter(granted -> actions.stream().noneMatch(action -> matches(granted, action)))
                    .sorted().toList();
            if (!idle.isEmpty()) {
                unusedActions.put(principal.arn(), idle);
            }
        }
        return new UnusedAccess(since, unusedUsers, unusedRoles, unusedKeys, unusedActions, activity.path("IsComplete").asBoolean(true));
    }

    /** Whether a policy's action pattern (case-insensitive, * and ? wildcards, as IAM matches them) covers an action. */
    static boolean matches(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return action.toLowerCase(Locale.ROOT).matches(regex.toString());
    }

    ObjectNode json(String accountId, int days) {
        ObjectNode out = Json.mapper().createObjectNode().put("AccountId", accountId).put("Since", since.toString()).put("Days", days);
        unusedUsers.forEach(out.putArray("UnusedUsers")::add);
        unusedRoles.forEach(out.putArray("UnusedRoles")::add);
        ArrayNode keys = out.putArray("UnusedAccessKeys");
        unusedAccessKeys.forEach(key -> keys.addObject().put("AccessKeyId", key.accessKeyId()).put("UserName", key.userName())
                .put("Status", key.status()).put("LastUsed", key.lastUsed() == null ? null : key.lastUsed().toString()));
        ArrayNode actions = out.putArray("UnusedActions");
        unusedActions.forEach((arn, idle) -> {
            ArrayNode list = actions.addObject().put("Arn", arn).putArray("Actions");
            idle.forEach(list::add);
        });
        out.put("IsComplete", complete);
        return out;
    }

    String text(String accountId, int days) {
        StringBuilder out = new StringBuilder("Account " + accountId + ": unused for " + days + " days (since " + since + ")\n");
        section(out, "Users not used", unusedUsers);
        section(out, "Roles not used", unusedRoles);
        section(out, "Access keys not used", unusedAccessKeys.stream().map(key -> key.accessKeyId() + "  user " + key.userName() + ", "
                + key.status() + ", last used " + (key.lastUsed() == null ? "never" : key.lastUsed().toString())).toList());
        section(out, "Granted actions not used", unusedActions.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + String.join(", ", entry.getValue())).toList());
        if (!complete) {
            out.append("Incomplete: the trail listed only the first principals or keys active in the window; what it left out shows as unused.\n");
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        out.append('\n').append(title).append(lines.isEmpty() ? ": none\n" : ":\n");
        lines.forEach(line -> out.append("  ").append(line).append('\n'));
    }
}
