package dev.mayfly.load.cpu;

/**
 * One line of Linux's /proc/PID/stat or /proc/PID/task/TID/stat: the name, the parent, and the CPU time so far.
 *
 * @param comm     the process's or thread's name as the kernel keeps it: at most 15 characters
 * @param ppid     the parent process (for a thread, its process's parent)
 * @param cpuTicks user and system time (utime + stime), in clock ticks
 */
record ProcStat(String comm, int ppid, long cpuTicks) {

    /** The fields after the name: state is the first, ppid the second, utime the twelfth, stime the thirteenth (proc(5)). */
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;

    /** Parses a stat line; the name sits in parentheses and may itself hold spaces and parentheses, so the last ')' ends it. */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        String[] fields = line.substring(close + 1).trim().split(" +");
        return new ProcStat(line.substring(open + 1, close), Integer.parseInt(fields[PPID]),
                Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]));
    }
}
