package dev.mayfly.issuer.iam;

/**
 * An action that several kinds of entity serve alike (AttachUserPolicy and AttachRolePolicy, TagUser and TagPolicy...):
 * one class for what they do, one instance per kind, which the kind's resource group names with its AWS action name.
 *
 * @param <K> what tells the kinds apart: the entity type, or how to find the entity a request names
 */
public abstract class SharedAction<K> extends IamAction {

    protected final K kind;

    protected SharedAction(String name, boolean readOnly, K kind, IamServices services) {
        super(name, readOnly, services);
        this.kind = kind;
    }
}
