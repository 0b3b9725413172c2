package dev.mayfly.load;

import dev.mayfly.agent.MetadataAgent;
import dev.mayfly.audit.protocol.JsonProtocolEndpoint;
import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

/**
 * The requests of ./mayfly bench fuzz: for every endpoint of every service, requests built to break it. Garbage in
 * every part (method, path, query, headers, content type, body), authentication absent, garbled or corrupted, and
 * garbage signed with the dev account's key so that it reaches the code behind authentication. Signed garbage is only
 * ever read-only or invalid by construction (a revocation rule's scope is never a scope), so that a run cannot delete or
 * revoke what the platform runs on.
 */
final class HostileRequests {

    static final String ISSUER = "issuer";
    static final String AUDIT = "audit";
    static final String REVOCATION = "revocation";
    static final String AGENT = "agent";
    /** The services' management listeners: the admin API and /metrics are there, and answer 404 on the public ports. */
    static final String ISSUER_MANAGEMENT = "issuer management";
    static final String AUDIT_MANAGEMENT = "audit management";
    static final String REVOCATION_MANAGEMENT = "revocation management";
    /** Every service's listeners, the public and the management ones, whose /healthz answers at the end of a run. */
    static final List<String> LISTENERS = List.of(ISSUER, AUDIT, REVOCATION, ISSUER_MANAGEMENT, AUDIT_MANAGEMENT, REVOCATION_MANAGEMENT);

    private static final String STS_VERSION = BenchCommand.STS_VERSION;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FUZZ");
    private static final List<String> ACTIONS = List.of("AssumeRole", "GetCallerIdentity", "GetSessionToken", "GetFederationToken",
            "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", "DecodeAuthorizationMessage", "GetAccessKeyInfo", "CreateUser", "DeleteUser",
            "CreateRole", "DeleteRole", "PutRolePolicy", "CreateAccessKey", "DeleteAccessKey", "ListRoles", "GetRole", "AttachRolePolicy",
            "CreatePolicy", "TagRole", "ListUsers", "UpdateAssumeRolePolicy", "EnableMFADevice", "CreateVirtualMFADevice");
    /** What garbage signed with the dev account's key may ask: nothing that deletes, changes or revokes. */
    private static final List<String> READ_ONLY_ACTIONS = List.of("AssumeRole", "GetCallerIdentity", "GetSessionToken",
            "GetFederationToken", "DecodeAuthorizationMessage", "GetAccessKeyInfo", "GetRole", "GetUser", "ListRoles", "ListUsers",
            "ListAccessKeys", "ListAttachedRolePolicies", "GetPolicy", "ListPolicies", "SimulatePrincipalPolicy", "GetAccountSummary");
    private static final List<String> PARAMETERS = List.of("RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "PolicyArns.member.1.arn",
            "Tags.member.1.Key", "Tags.member.1.Value", "TransitiveTagKeys.member.1", "ExternalId", "SerialNumber", "TokenCode",
            "SourceIdentity", "Name", "UserName", "RoleName", "PolicyDocument", "AssumeRolePolicyDocument", "EncodedMessage", "AccessKeyId",
            "MaxItems", "Marker", "PathPrefix", "ProviderId", "WebIdentityToken", "SAMLAssertion", "PrincipalArn", "PolicyArn");
    private static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=bogus", "application/json",
            "application/x-amz-json-1.1", "application/x-amz-json-1.0", "text/xml", "multipart/form-data; boundary=--x", "*/*", ";;;", "");
    private static final List<String> AUDIT_TARGETS = List.of(JsonProtocolEndpoint.CLOUDTRAIL_PREFIX + "LookupEvents",
            JsonProtocolEndpoint.CLOUDTRAIL_PREFIX + "ListPublicKeys", JsonProtocolEndpoint.CLOUDTRAIL_PREFIX + "DescribeTrails",
            JsonProtocolEndpoint.CLOUDTRAIL_PREFIX + "GetTrailStatus", JsonProtocolEndpoint.MAYFLY_PREFIX + "ListDigests",
            JsonProtocolEndpoint.MAYFLY_PREFIX + "ListRecords", JsonProtocolEndpoint.MAYFLY_PREFIX + "ListDetectionFindings",
            JsonProtocolEndpoint.MAYFLY_PREFIX + "GetDetectionFinding", JsonProtocolEndpoint.MAYFLY_PREFIX + "GetDetectionSettings",
            "com.amazonaws.cloudtrail.v20131101.LookupEvents",
            JsonProtocolEndpoint.CLOUDTRAIL_PREFIX, "CloudTrail_20131101.DeleteTrail", "");
    /** Scopes a revocation rule can never have, so that signed garbage never revokes anything. */
    private static final List<String> NOT_SCOPES = List.of("\"\"", "\"Acount\"", "\"account\"", "42", "null", "{}", "[\"Account\"]",
            "\"Account\\u0000\"", "\"SessionTag\\u0000\"");
    private static final List<String> ADMIN_PATHS = List.of("/mayfly/admin/accounts", "/mayfly/admin/sts-regions",
            "/mayfly/admin/token-keys/rotate", "/mayfly/admin/", "/mayfly/admin/accounts/../token-keys/rotate");

    /** A request to send, the service it goes to, and the endpoint it is counted under. */
    record HostileRequest(String service, String endpoint, SignedRequest request) {
    }

    private final Map<String, URI> services;
    private final QueryClient issuerRoot;
    private final QueryClient auditRoot;
    private final QueryClient revocationRoot;

    /**
     * @param services   the services' URLs by name; the agent's only when one is running
     * @param credentials the dev account's root, which signs garbage
     */
    HostileRequests(Map<String, URI> services, CliCredentials credentials) {
        this.services = services;
        this.issuerRoot = new QueryClient(services.get(ISSUER), credentials);
        this.auditRoot = new QueryClient(services.get(AUDIT), credentials);
        this.revocationRoot = new QueryClient(services.get(REVOCATION), credentials);
    }

    /** The request that this random source makes: the same source, the same request (but for signatures' dates). */
    HostileRequest next(Random random) {
        Garbage g = new Garbage(random);
        int kind = random.nextInt(100);
        if (kind < 18) {
            return query(g);
        } else if (kind < 24) {
            return presigned(g);
        } else if (kind < 30) {
            return federation(g);
        } else if (kind < 42) {
            return signedQuery(g);
        } else if (kind < 50) {
            return corruptedSignature(g);
        } else if (kind < 56) {
            return admin(g);
        } else if (kind < 59) {
            return authorize(g);
        } else if (kind < 65) {
            return workloads(g);
        } else if (kind < 70) {
            return workloadCredentials(g);
        } else if (kind < 80) {
            return auditJson(g);
        } else if (kind < 84) {
            return console(g);
        } else if (kind < 92) {
            return rules(g);
        } else if (kind < 95) {
            return healthOrMetrics(g);
        } else if (kind < 97 || !services.containsKey(AGENT)) {
            return unknownPath(g);
        }
        return agent(g);
    }

    // --- the issuer's Query API (STS and IAM)

    private HostileRequest query(Garbage g) {
        String parameters = parameters(g, ACTIONS);
        String method = g.oneIn(4) ? g.pick(METHODS) : g.pick(List.of("GET", "POST"));
        boolean inBody = method.equals("POST") ? !g.oneIn(5) : g.oneIn(5);
        RequestHeaders headers = headers(ISSUER, g);
        contentType(headers, g);
        authorization(headers, g);
        return new HostileRequest(ISSUER, "issuer Query API", new SignedRequest(method, "/", inBody ? "" : parameters, headers,
                inBody ? body(parameters, g) : new byte[0]));
    }

    /** Query parameters as they travel: an action (or none, or garbage), a version, and parameters of any name, value and count. */
    private static String parameters(Garbage g, List<String> actions) {
        StringJoiner query = new StringJoiner("&");
        if (!g.oneIn(10)) {
            query.add("Action=" + (g.oneIn(5) ? g.encoded() : g.pick(actions)));
        }
        if (!g.oneIn(5)) {
            query.add("Version=" + (g.oneIn(5) ? g.encoded() : g.pick(List.of(STS_VERSION, "2010-05-08"))));
        }
        if (g.oneIn(20)) {
            // huge counts: thousands of list members
            String list = g.pick(List.of("Tags.member.", "PolicyArns.member.", "TransitiveTagKeys.member.", "x"));
            for (int i = 0, n = g.between(1_000, 5_000); i < n; i++) {
                query.add(list + (g.oneIn(50) ? g.encoded() : i) + ".Key=k" + i);
            }
        }
        for (int i = 0, n = g.between(0, 8); i < n; i++) {
            String name = g.oneIn(3) ? g.encoded() : g.pick(PARAMETERS);
            String value = g.oneIn(4) ? URLEncoder.encode(g.json(3), StandardCharsets.UTF_8) : g.encoded();
            query.add(g.oneIn(20) ? name : name + "=" + value);
        }
        return query.toString();
    }

    private static byte[] body(String parameters, Garbage g) {
        if (g.oneIn(10)) {
            return g.bytes(4096);
        }
        byte[] body = parameters.getBytes(StandardCharsets.UTF_8);
        if (g.oneIn(10) && body.length > 0) {
            // a raw byte where a percent-encoding should be: the body is no longer UTF-8
            body[g.between(0, body.length - 1)] = g.pick(List.of(0x00, 0x80, 0xC0, 0xFF)).byteValue();
        }
        return body;
    }

    /** A presigned URL's query (X-Amz-*) with every part garbled. */
    private HostileRequest presigned(Garbage g) {
        StringJoiner query = new StringJoiner("&").add("Action=" + g.pick(List.of("GetCallerIdentity", "AssumeRole", g.encoded())))
                .add("Version=" + STS_VERSION);
        Map<String, String> parts = Map.of("X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Credential",
                "AKIAFUZZ%2F20261206%2Fus-east-1%2Fsts%2Faws4_request", "X-Amz-Date", "20261206T000000Z", "X-Amz-Expires", "300",
                "X-Amz-SignedHeaders", "host", "X-Amz-Signature", "0".repeat(64), "X-Amz-Security-Token", g.ascii(40));
        parts.forEach((name, value) -> {
            if (!g.oneIn(6)) {
                query.add(name + "=" + (g.oneIn(3) ? g.encoded() : value));
            }
        });
        return new HostileRequest(ISSUER, "issuer Query API (presigned)", new SignedRequest("GET", "/", query.toString(),
                headers(ISSUER, g), new byte[0]));
    }

    /** The unsigned STS actions, whose tokens and assertions are parsed before anyone is known: garbage JWTs and SAML. */
    private HostileRequest federation(Garbage g) {
        boolean saml = g.oneIn(2);
        String token = saml ? base64(g.pick(List.of("<samlp:Response>" + g.text() + "</samlp:Response>",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
                "<a>".repeat(g.between(10, 20_000)) + "</a>".repeat(g.between(0, 10)), g.text())))
                : String.join(".", base64(g.json(3)), base64(g.object(2, "iss", "sub", "aud", "exp")), g.ascii(g.between(0, 86)));
        String query = (saml ? "Action=AssumeRoleWithSAML&PrincipalArn=" + g.encoded() + "&SAMLAssertion="
                : "Action=AssumeRoleWithWebIdentity&RoleSessionName=" + g.encoded() + "&WebIdentityToken=")
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&RoleArn=" + g.encoded() + "&Version=" + STS_VERSION;
        RequestHeaders headers = headers(ISSUER, g).add("Content-Type", "application/x-www-form-urlencoded");
        return new HostileRequest(ISSUER, "issuer web identity and SAML", new SignedRequest("POST", "/", "", headers,
                query.getBytes(StandardCharsets.UTF_8)));
    }

    /** Garbage parameters signed with the dev account's key: past authentication, into the actions' parsing. */
    private HostileRequest signedQuery(Garbage g) {
        String parameters = parameters(g, READ_ONLY_ACTIONS);
        boolean inBody = !g.oneIn(4);
        RequestHeaders headers = new RequestHeaders();
        if (inBody) {
            headers.add("Content-Type", g.oneIn(4) ? g.pick(CONTENT_TYPES) : "application/x-www-form-urlencoded; charset=utf-8");
        }
        return new HostileRequest(ISSUER, "issuer Query API (signed garbage)", issuerRoot.signed(inBody ? "POST" : "GET", "/",
                inBody ? "" : parameters, headers, inBody ? body(parameters, g) : new byte[0], g.oneIn(3) ? "iam" : "sts"));
    }

    /** A valid signed call, then one part of it changed: the signature must no longer hold, or hold for what was signed only. */
    private HostileRequest corruptedSignature(Garbage g) {
        SignedRequest valid = issuerRoot.signedCall("sts", STS_VERSION, g.pick(List.of("GetCallerIdentity", "GetSessionToken")), Map.of());
        RequestHeaders headers = new RequestHeaders();
        int change = g.between(0, 7);
        String changed = switch (change) {
            case 0, 1 -> "authorization";
            case 2 -> "x-amz-date";
            case 3 -> "host";
            default -> "";
        };
        for (String name : valid.headers().names()) {
            if (!name.equals(changed)) {
                valid.headers().all(name).forEach(value -> headers.add(name, value));
            }
        }
        String authorization = valid.headers().first("Authorization");
        byte[] body = valid.body();
        switch (change) {
            case 0 -> headers.add("Authorization", authorization.substring(0, g.between(0, authorization.length() - 1)));
            case 1 -> headers.add("Authorization", authorization.replace("Credential=", "Credential=" + g.ascii(g.between(1, 30))));
            case 2 -> headers.add("X-Amz-Date", g.pick(List.of("20000101T000000Z", "29991231T235959Z", g.ascii(16), "")));
            case 3 -> headers.add("Host", g.ascii(g.between(1, 40)));
            case 4 -> body = (new String(body, StandardCharsets.UTF_8) + "&RoleArn=" + g.encoded()).getBytes(StandardCharsets.UTF_8);
            case 5 -> headers.add("X-Amz-Security-Token", g.oneIn(3) ? "x".repeat(g.between(1_000, 12_000)) : g.ascii(g.between(1, 400)));
            case 6 -> headers.add("Authorization", authorization);
            default -> headers.add("X-Amz-Content-Sha256", g.pick(List.of("UNSIGNED-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", g.ascii(64))));
        }
        return new HostileRequest(ISSUER, "issuer Query API (corrupted signature)",
                new SignedRequest(valid.method(), valid.path(), valid.rawQuery(), headers, body));
    }

    // --- the issuer's JSON APIs

    /** To the management port; one in five to the public port, which must answer 404 whatever is asked. */
    private HostileRequest admin(Garbage g) {
        String listener = g.oneIn(5) ? ISSUER : ISSUER_MANAGEMENT;
        RequestHeaders headers = headers(listener, g);
        switch (g.between(0, 4)) {
            case 0 -> {
                // no token
            }
            case 1 -> header(headers, "Authorization", "Bearer " + g.text());
            case 2 -> header(headers, "Authorization", "Bearer " + g.ascii(g.between(1, 128)));
            case 3 -> header(headers, "Authorization", g.pick(List.of("Bearer", "bearer  ", "Basic YWRtaW46YWRtaW4=", "Bearer " + "A".repeat(12_000))));
            default -> authorization(headers, g);
        }
        contentType(headers, g);
        String body = g.oneIn(2) ? g.object(3, "Name", "AccountId", "Region", "Status") : g.json(4);
        return new HostileRequest(listener, listener + " /mayfly/admin/", new SignedRequest(g.oneIn(4) ? g.pick(METHODS) : "POST",
                g.oneIn(5) ? "/mayfly/admin/" + segment(g) : g.pick(ADMIN_PATHS), "", headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the other services and verifiers send the issuer, without their credentials: decisions, and sessions' keys. */
    private HostileRequest authorize(Garbage g) {
        RequestHeaders headers = headers(ISSUER, g);
        contentType(headers, g);
        authorization(headers, g);
        boolean sessionKey = g.oneIn(2);
        String body = !g.oneIn(2) ? g.json(4) : sessionKey ? g.object(3, "sessionToken", "date", "region")
                : g.object(3, "Method", "Path", "Query", "Headers", "Body", "Action", "Resource", "Service");
        String path = sessionKey ? SessionKeyRequest.PATH : "/mayfly/authorize";
        return new HostileRequest(ISSUER, "issuer " + path, new SignedRequest(g.oneIn(5) ? g.pick(METHODS) : "POST",
                path, "", headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private HostileRequest workloads(Garbage g) {
        String body = g.oneIn(3) ? g.json(4) : g.object(3, "Name", "RoleArn", "SessionName", "DurationSeconds", "AllowedCidrs");
        String endpoint = "issuer /mayfly/workloads";
        if (g.oneIn(3)) {
            // signed: creations (whose role is never a role ARN) and reads only
            boolean create = g.oneIn(2);
            return new HostileRequest(ISSUER, endpoint, issuerRoot.signed(create ? "POST" : "GET", create ? "/mayfly/workloads"
                    : "/mayfly/workloads/" + segment(g), "", new RequestHeaders().add("Content-Type", "application/json"),
                    create ? body.getBytes(StandardCharsets.UTF_8) : new byte[0], "workloads"));
        }
        RequestHeaders headers = headers(ISSUER, g);
        contentType(headers, g);
        authorization(headers, g);
        String path = g.pick(List.of("/mayfly/workloads", "/mayfly/workloads/" + segment(g), "/mayfly/workloads/" + segment(g) + "/token",
                "/mayfly/workloads/" + segment(g) + "/" + segment(g) + "/" + segment(g)));
        return new HostileRequest(ISSUER, endpoint, new SignedRequest(g.pick(METHODS), path, "", headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private HostileRequest workloadCredentials(Garbage g) {
        RequestHeaders headers = headers(ISSUER, g);
        for (int i = 0, n = g.between(0, 3); i < n; i++) {
            header(headers, "Authorization", g.oneIn(5) ? "t".repeat(g.between(100, 12_000)) : g.text());
        }
        String id = g.pick(List.of("wl-" + g.ascii(24), segment(g), "", "%00", "..%2Fadmin"));
        return new HostileRequest(ISSUER, "issuer /mayfly/workload-credentials/", new SignedRequest(g.oneIn(4) ? g.pick(METHODS) : "GET",
                "/mayfly/workload-credentials/" + id, g.oneIn(4) ? g.encoded() : "", headers, new byte[0]));
    }

    // --- the audit service

    private HostileRequest auditJson(Garbage g) {
        String target = g.oneIn(5) ? g.text() : g.pick(AUDIT_TARGETS);
        String body = switch (g.between(0, 3)) {
            case 0 -> g.object(3, "LookupAttributes", "StartTime", "EndTime", "MaxResults", "NextToken");
            case 1 -> g.object(3, "From", "To", "NextToken");
            case 2 -> "{\"LookupAttributes\":[" + g.object(2, "AttributeKey", "AttributeValue") + "],\"MaxResults\":" + g.json(1) + "}";
            default -> g.json(4);
        };
        RequestHeaders headers = new RequestHeaders();
        header(headers, "X-Amz-Target", target);
        if (g.oneIn(2)) {
            headers.add("Content-Type", g.oneIn(4) ? g.pick(CONTENT_TYPES) : "application/x-amz-json-1.1");
            return new HostileRequest(AUDIT, "audit JSON API (signed garbage)", auditRoot.signed(g.oneIn(8) ? "GET" : "POST", "/", "",
                    headers, body.getBytes(StandardCharsets.UTF_8), g.oneIn(8) ? "sts" : "cloudtrail"));
        }
        headers.add("Host", services.get(AUDIT).getAuthority());
        contentType(headers, g);
        authorization(headers, g);
        return new HostileRequest(AUDIT, "audit JSON API", new SignedRequest(g.oneIn(5) ? g.pick(METHODS) : "POST", "/",
                g.oneIn(6) ? g.encoded() : "", headers, g.oneIn(10) ? g.bytes(70_000) : body.getBytes(StandardCharsets.UTF_8)));
    }

    private HostileRequest console(Garbage g) {
        String path = g.pick(List.of("/console", "/console/", "/console/index.html", "/console/" + segment(g), "/console/../pom.xml",
                "/console/%2e%2e/%2e%2e/etc/passwd", "/console/" + segment(g) + "/" + segment(g), "/console//" + segment(g)));
        RequestHeaders headers = headers(AUDIT, g);
        authorization(headers, g);
        return new HostileRequest(AUDIT, "audit /console/", new SignedRequest(g.oneIn(4) ? g.pick(METHODS) : "GET", path,
                g.oneIn(4) ? g.encoded() : "", headers, g.oneIn(4) ? g.json(3).getBytes(StandardCharsets.UTF_8) : new byte[0]));
    }

    // --- the revocation service

    private HostileRequest rules(Garbage g) {
        String endpoint = "revocation /rules";
        if (g.oneIn(2)) {
            String rule = "{\"Scope\":" + g.pick(NOT_SCOPES) + ",\"Target\":" + g.json(2) + ",\"IssuedBefore\":" + g.json(1)
                    + ",\"Reason\":" + g.json(3) + ",\"QuarantineUntil\":" + g.json(1) + "}";
            return switch (g.between(0, 3)) {
                case 0 -> new HostileRequest(REVOCATION, endpoint + " (signed garbage)", revocationRoot.signed("GET", "/rules",
                        g.encoded() + "=" + g.encoded(), new RequestHeaders(), new byte[0], "revocation"));
                case 1 -> new HostileRequest(REVOCATION, endpoint + " (signed garbage)", revocationRoot.signed("DELETE",
                        "/rules/" + segment(g), "", new RequestHeaders(), new byte[0], "revocation"));
                default -> new HostileRequest(REVOCATION, endpoint + " (signed garbage)", revocationRoot.signed("POST", "/rules", "",
                        new RequestHeaders().add("Content-Type", "application/json"),
                        (g.oneIn(3) ? g.deep() : rule).getBytes(StandardCharsets.UTF_8), "revocation"));
            };
        }
        RequestHeaders headers = headers(REVOCATION, g);
        contentType(headers, g);
        authorization(headers, g);
        return new HostileRequest(REVOCATION, endpoint, new SignedRequest(g.pick(METHODS), g.pick(List.of("/rules", "/rules/",
                "/rules/" + segment(g), "/rules/" + segment(g) + "/" + segment(g))), g.oneIn(4) ? g.encoded() : "", headers,
                g.object(3, "Scope", "Target", "IssuedBefore", "Reason").getBytes(StandardCharsets.UTF_8)));
    }

    // --- every service, and the agent

    /** /healthz answers on both ports of a service, /metrics on the management one only (404 on the public one). */
    private HostileRequest healthOrMetrics(Garbage g) {
        String service = g.pick(LISTENERS);
        String path = g.pick(List.of("/healthz", "/metrics", "/healthz/" + segment(g), "/metrics/" + segment(g)));
        return new HostileRequest(service, service + " " + (path.startsWith("/healthz") ? "/healthz" : "/metrics"),
                new SignedRequest(g.oneIn(3) ? g.pick(METHODS) : "GET", path, g.oneIn(3) ? g.encoded() : "", headers(service, g),
                        g.oneIn(3) ? g.bytes(1024) : new byte[0]));
    }

    private HostileRequest unknownPath(Garbage g) {
        String service = g.pick(List.of(ISSUER, AUDIT, REVOCATION));
        StringBuilder path = new StringBuilder();
        for (int i = 0, n = g.between(1, 5); i < n; i++) {
            path.append('/').append(segment(g));
        }
        RequestHeaders headers = headers(service, g);
        authorization(headers, g);
        return new HostileRequest(service, service + " unknown paths", new SignedRequest(g.pick(METHODS), path.toString(),
                g.oneIn(3) ? g.encoded() : "", headers, g.bytes(512)));
    }

    private HostileRequest agent(Garbage g) {
        RequestHeaders headers = headers(AGENT, g);
        if (!g.oneIn(4)) {
            header(headers, MetadataAgent.TTL_HEADER, g.oneIn(2) ? g.pick(List.of("0", "21601", "-1", "1e3", "", "99999999999")) : g.text());
        }
        if (!g.oneIn(4)) {
            header(headers, MetadataAgent.TOKEN_HEADER, g.oneIn(3) ? "t".repeat(g.between(100, 12_000)) : g.text());
        }
        String path = g.pick(List.of("/latest/api/token", "/latest/meta-data/iam/security-credentials/",
                "/latest/meta-data/iam/security-credentials/" + segment(g), "/latest/meta-data/" + segment(g), "/" + segment(g)));
        return new HostileRequest(AGENT, "agent", new SignedRequest(g.oneIn(3) ? g.pick(METHODS) : g.pick(List.of("GET", "PUT")), path,
                g.oneIn(4) ? g.encoded() : "", headers, new byte[0]));
    }

    // --- parts

    private RequestHeaders headers(String service, Garbage g) {
        RequestHeaders headers = new RequestHeaders();
        if (!g.oneIn(20)) {
            headers.add("Host", g.oneIn(20) ? g.ascii(g.between(1, 64)) : services.get(service).getAuthority());
        }
        for (int i = 0, n = g.oneIn(10) ? g.between(1, 10) : 0; i < n; i++) {
            header(headers, g.pick(List.of("X-Forwarded-For", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Target", "User-Agent",
                    "Accept", "Expect", "Transfer-Encoding")), g.text());
        }
        return headers;
    }

    private static void contentType(RequestHeaders headers, Garbage g) {
        if (!g.oneIn(8)) {
            header(headers, "Content-Type", g.oneIn(10) ? g.text() : g.pick(CONTENT_TYPES));
        }
    }

    /** No Authorization, a garbled SigV4 one, or something else entirely. */
    private static void authorization(RequestHeaders headers, Garbage g) {
        String credential = g.pick(List.of("AKIAFUZZFUZZFUZZFUZZ/20261206/us-east-1/sts/aws4_request", g.ascii(g.between(1, 80)),
                "a/b/c/d/e/f/g/h", "/////", ""));
        switch (g.between(0, 7)) {
            case 0, 1 -> {
                // none
            }
            case 2 -> header(headers, "Authorization", "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host;x-amz-date, Signature="
                    + g.pick(List.of("0".repeat(64), g.ascii(64), "", "zz")));
            case 3 -> header(headers, "Authorization", g.pick(List.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA512 Credential=x",
                    "AWS AKIA:sig", "AWS4-HMAC-SHA256 Credential=" + credential + ",SignedHeaders=" + ";".repeat(g.between(1, 2_000)) + ",Signature=")));
            case 4 -> header(headers, "Authorization", "AWS4-HMAC-SHA256 " + g.text());
            case 5 -> {
                header(headers, "Authorization", "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host, Signature=" + "0".repeat(64));
                header(headers, "X-Amz-Date", g.pick(List.of("20261206T000000Z", "garbage", "", "99999999T999999Z")));
                header(headers, "X-Amz-Security-Token", g.oneIn(2) ? g.ascii(g.between(1, 2_000)) : g.text());
            }
            case 6 -> header(headers, "Authorization", g.text());
            default -> {
                header(headers, "Authorization", "Bearer " + g.ascii(20));
                header(headers, "Authorization", "AWS4-HMAC-SHA256 Credential=" + credential);
            }
        }
    }

    /** A header as it can travel: a CR or LF would end it and start another request on the connection. */
    private static void header(RequestHeaders headers, String name, String value) {
        headers.add(name, value.replace('\r', ' ').replace('\n', ' '));
    }

    /** A path segment as it can travel on the request line: percent-encoded garbage, dots, or bytes that are not UTF-8. */
    private static String segment(Garbage g) {
        return switch (g.between(0, 3)) {
            case 0 -> URLEncoder.encode(g.text(), StandardCharsets.UTF_8).replace("+", "%20");
            case 1 -> g.pick(List.of("..", ".", "%2e%2e", "%00", "%FF%FE", "~", "%2F"));
            default -> g.encoded().replace("+", "%20");
        };
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
