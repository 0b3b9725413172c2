package dev.mayfly.load.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void parseWhenNameHoldsSpacesThenNameParentAndUserPlusSystemTicks() {
        ProcStat stat = ProcStat.parse("6817 (C2 CompilerThre) S 6194 6195 27726 0 -1 4194368 39330 188927 0 9 2900 74 3053 368 20 0 205 0"
                + " 5002380 6453301248 357948 18446744073709551615 0 0 0 4 0 16800975 1 0 0 -1 1 0 0 0 0 0\n");

        assertThat(stat).isEqualTo(new ProcStat("C2 CompilerThre", 6194, 2974));
    }

    @Test
    void parseWhenNameHoldsParenthesesThenTheLastClosingOneEndsIt() {
        ProcStat stat = ProcStat.parse("42 (odd) (name)) R 7 42 42 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1 0 0\n");

        assertThat(stat).isEqualTo(new ProcStat("odd) (name)", 7, 11));
    }
}
