package dev.skiff.dist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process, read from {@code /proc} (Linux). */
record ProcessStats(double rssMiB, double cpuSeconds) {

    /** Clock ticks per second of {@code /proc/PID/stat}: 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final double TICKS = 100.0;

    static ProcessStats of(long pid) throws IOException {
        double rssKib = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKib = Double.parseDouble(line.replaceAll("[^0-9]", ""));
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcessStats(rssKib / 1024.0, ticks / TICKS);
    }
}
