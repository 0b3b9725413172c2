package dev.mayfly.audit.integrity;

import java.time.Instant;
import java.util.List;

/**
 * What a validation found.
 *
 * @param records       how many stored records were checked
 * @param digests       how many digests were checked
 * @param modified      eventIDs of records whose content differs from what their digest says
 * @param deleted       eventIDs a digest lists that are no longer stored
 * @param inserted      eventIDs of stored records no digest lists, in periods that digests cover
 * @param chain         problems with the digests themselves: bad signatures, unknown keys, gaps, broken links
 * @param undigested    records too recent to be in a digest yet (not a problem)
 * @param digestedUntil the end of the last digest's period, or null without digests
 */
public record ValidationReport(int records, int digests, List<String> modified, List<String> deleted, List<String> inserted,
                               List<String> chain, int undigested, Instant digestedUntil) {

    /** Whether nothing was modified, deleted or inserted and the chain is whole. */
    public boolean intact() {
        return modified.isEmpty() && deleted.isEmpty() && inserted.isEmpty() && chain.isEmpty();
    }
}
