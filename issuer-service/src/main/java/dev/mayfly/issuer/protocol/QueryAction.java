package dev.mayfly.issuer.protocol;

/**
 * One action of the Query protocol: it converts the request's parameters into its request object,
 * decides (authorizing the caller itself), and returns what to render and to record.
 */
public interface QueryAction {

    /** The Action parameter that selects it, for example "AssumeRole". */
    String name();

    AwsService service();

    /** Whether the action only reads (CloudTrail's readOnly). */
    boolean readOnly();

    ActionResult execute(ActionContext context);
}
