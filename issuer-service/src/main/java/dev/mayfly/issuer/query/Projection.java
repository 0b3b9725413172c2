package dev.mayfly.issuer.query;

/**
 * One resource's part of the directory: it keeps its views current from the events about that resource, and answers
 * the questions about them. The directory applies one event at a time; readers read the views without a lock, so a
 * projection keeps them in concurrent maps and replaces a view rather than editing it.
 */
interface Projection {

    /** Names the events this projection follows, each with its handler. */
    void subscribe(EventDispatcher.Routes routes);
}
