package dev.mayfly.issuer.protocol;

/** What every action declares about itself: its name, its service, and whether it only reads. */
public abstract class DeclaredAction implements QueryAction {

    private final String name;
    private final AwsService service;
    private final boolean readOnly;

    protected DeclaredAction(String name, AwsService service, boolean readOnly) {
        this.name = name;
        this.service = service;
        this.readOnly = readOnly;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final AwsService service() {
        return service;
    }

    @Override
    public final boolean readOnly() {
        return readOnly;
    }
}
