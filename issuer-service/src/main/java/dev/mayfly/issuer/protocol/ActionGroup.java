package dev.mayfly.issuer.protocol;

import java.util.List;

/**
 * The actions on one kind of resource (users, roles, MFA devices...) or of one service (STS), as the group that serves
 * them makes them. Groups are what the {@link ActionCatalog} is made of: an action no group lists is not served.
 */
public interface ActionGroup {

    List<QueryAction> actions();
}
