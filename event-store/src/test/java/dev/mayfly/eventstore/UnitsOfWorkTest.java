package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsOfWorkTest {

    @Test
    void afterCommitWhenSeveralActionsThenRunInRegistrationOrderOnlyAfterCommit() {
        List<Integer> ran = new ArrayList<>();
        UnitsOfWork.inTransaction(() -> {
            UnitsOfWork.afterCommit(() -> ran.add(1));
            UnitsOfWork.afterCommit(() -> ran.add(2));
            UnitsOfWork.afterCommit(() -> ran.add(3));
            assertThat(ran).isEmpty();
            return null;
        });
        assertThat(ran).containsExactly(1, 2, 3);
    }

    @Test
    void afterCommitWhenRolledBackThenNeverRun() {
        List<Integer> ran = new ArrayList<>();
        assertThatThrownBy(() -> UnitsOfWork.inTransaction(() -> {
            UnitsOfWork.afterCommit(() -> ran.add(1));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(ran).isEmpty();
    }

    @Test
    void afterCommitWhenNoUnitOfWorkThenAtOnce() {
        List<Integer> ran = new ArrayList<>();
        UnitsOfWork.afterCommit(() -> ran.add(1));
        assertThat(ran).containsExactly(1);
    }
}
