package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.QueryAction;

/** What every IAM action shares: its name, its service, and whether it only reads. */
abstract class IamAction implements QueryAction {

    private final String name;
    private final boolean readOnly;

    IamAction(String name, boolean readOnly) {
        this.name = name;
        this.readOnly = readOnly;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final AwsService service() {
        return AwsService.IAM;
    }

    @Override
    public final boolean readOnly() {
        return readOnly;
    }
}
