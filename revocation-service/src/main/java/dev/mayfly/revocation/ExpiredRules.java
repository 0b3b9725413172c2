package dev.mayfly.revocation;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.revocation.api.RevocationCommands.LiftRule;
import dev.mayfly.revocation.query.RuleDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends rules by themselves: once no session a rule can touch can still be alive (a quarantine: once it is over), the
 * rule is lifted, by "mayfly" rather than by a person; its tombstone removes it from every index, and compaction from
 * the topic, so that it costs nothing afterwards.
 */
final class ExpiredRules implements AutoCloseable {

    static final String LIFTED_BY = "mayfly: the rule ended by itself";
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredRules.class);

    private final RuleDirectory rules;
    private final CommandGateway commands;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "expired-rules");
        thread.setDaemon(true);
        return thread;
    });

    ExpiredRules(RuleDirectory rules, CommandGateway commands, Clock clock) {
        this.rules = rules;
        this.commands = commands;
        this.clock = clock;
    }

    ExpiredRules start() {
        executor.scheduleWithFixedDelay(this::liftExpired, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    private void liftExpired() {
        Instant now = clock.instant();
        for (RevocationRule rule : rules.all()) {
            if (!rule.expiresAt().isAfter(now)) {
                try {
                    UnitsOfWork.inTransaction(() -> commands.sendAndWait(new LiftRule(rule.ruleId(), LIFTED_BY, now)));
                    LOG.info("rule {} ended by itself at {}", rule.ruleId(), rule.expiresAt());
                } catch (RuntimeException e) {
                    // lifted meanwhile by someone, or the database is away: the next round tries again if it must
                    LOG.debug("rule {} not lifted now: {}", rule.ruleId(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
