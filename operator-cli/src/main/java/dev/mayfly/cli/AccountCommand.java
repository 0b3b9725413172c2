package dev.mayfly.cli;

import dev.mayfly.runtime.Settings;
import java.io.PrintStream;

/**
 * ./mayfly account create NAME: a new tenant, its root credentials printed once as JSON.
 * ./mayfly account sts-region ACCOUNT_ID REGION active|inactive: STS activated or deactivated in a region for a tenant.
 * ./mayfly account rotate-root-key ACCOUNT_ID [--delete-old | --keep-old]: a new root access key printed once as JSON; the
 * previous ones deactivated (the default: reversible, the tenant's root can activate one again with UpdateAccessKey),
 * deleted, or kept active until the tenant retires them itself (UpdateAccessKey or DeleteAccessKey without UserName).
 */
public final class AccountCommand {

    static final String USAGE = "Usage: ./mayfly account create NAME\n"
            + "       ./mayfly account sts-region ACCOUNT_ID REGION active|inactive\n"
            + "       ./mayfly account rotate-root-key ACCOUNT_ID [--delete-old | --keep-old]";

    private AccountCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length == 2 && args[0].equals("create")) {
            return create(args[1], settings, out);
        }
        if (args.length == 4 && args[0].equals("sts-region") && (args[3].equals("active") || args[3].equals("inactive"))) {
            return stsRegion(args[1], args[2], args[3].equals("active"), settings, out);
        }
        if ((args.length == 2 || args.length == 3) && args[0].equals("rotate-root-key")) {
            String previous = args.length == 2 ? "Deactivate" : switch (args[2]) {
                case "--delete-old" -> "Delete";
                case "--keep-old" -> "KeepActive";
                default -> null;
            };
            if (previous != null) {
                return rotateRootKey(args[1], previous, settings, out);
            }
        }
        err.println(USAGE);
        return 2;
    }

    private static int rotateRootKey(String accountId, String previous, Settings settings, PrintStream out) {
        requireAccountId(accountId);
        out.println(new AdminClient(settings).post("/mayfly/admin/root-keys/rotate",
                "{\"AccountId\":" + quote(accountId) + ",\"Previous\":" + quote(previous) + "}"));
        return 0;
    }

    private static void requireAccountId(String accountId) {
        if (!accountId.matches("\\d{12}")) {
            throw new CliException("An account id is 12 digits.");
        }
    }

    private static int create(String name, Settings settings, PrintStream out) {
        if (name.isBlank() || name.length() > 64) {
            throw new CliException("An account name is 1 to 64 characters.");
        }
        out.println(new AdminClient(settings).post("/mayfly/admin/accounts", "{\"Name\":" + quote(name) + "}"));
        return 0;
    }

    private static int stsRegion(String accountId, String region, boolean active, Settings settings, PrintStream out) {
        requireAccountId(accountId);
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
            throw new CliException("A region is named like eu-west-1.");
        }
        out.println(new AdminClient(settings).post("/mayfly/admin/sts-regions",
                "{\"AccountId\":" + quote(accountId) + ",\"Region\":" + quote(region) + ",\"Active\":" + active + "}"));
        return 0;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
