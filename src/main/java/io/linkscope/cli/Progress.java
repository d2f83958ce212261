package io.linkscope.cli;

import io.linkscope.report.Messages;

import java.io.Console;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of long command-line work, always on stderr so stdout keeps only results (a report, a {@code RESULT}
 * line). On a terminal it is one line rewritten in place ({@code \r}) with the step, percentage, counts, rate and
 * elapsed time; otherwise (a pipe, a file, CI) a plain line per step, and for counted steps one per tenth done.
 */
final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final Messages words;
    private final boolean terminal;
    private final String task;
    private final LongSupplier clock;
    private final ScheduledExecutorService ticker;

    private int stepNumber;
    private String step;
    private long stepStarted;
    private long total;
    private String unit;
    private long done;
    private int loggedTenths;
    private long lastDraw;
    private int drawnWidth;
    private boolean closed;

    Progress(PrintStream err, boolean terminal, String task, LongSupplier nanoClock, boolean tick) {
        this(err, terminal, task, nanoClock, tick, Messages.english());
    }

    Progress(PrintStream err, boolean terminal, String task, LongSupplier nanoClock, boolean tick, Messages words) {
        this.err = err;
        this.words = words;
        this.terminal = terminal;
        this.task = task;
        this.clock = nanoClock;
        this.ticker = terminal && tick ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) ticker.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Progress of {@code task} on this process's stderr, as a live line when it is a terminal. */
    static Progress start(String task) {
        return start(task, Messages.english());
    }

    /** The same, with its own words (counts, rates, seconds) in the language of {@code words}. */
    static Progress start(String task, Messages words) {
        return new Progress(System.err, isTerminal(), task, System::nanoTime, true, words);
    }

    /** Progress only a person at a terminal sees: for work that is usually short, where log lines would be noise. */
    static Progress terminalOnly(String task, Messages words) {
        return isTerminal() ? start(task, words)
                : new Progress(new PrintStream(OutputStream.nullOutputStream()), false, task, System::nanoTime, false, words);
    }

    /** Whether a person is watching: {@code System.console()} (and, on JDK 22+, {@code Console.isTerminal()}). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is only returned for a terminal
        }
    }

    /** A new step whose size is unknown: a log line, or on a terminal a live line with the elapsed time. */
    synchronized void step(String name) {
        step(name, 0, null);
    }

    /** A new step of {@code total} {@code unit}s; report with {@link #advance} or {@link #set}. */
    synchronized void step(String name, long total, String unit) {
        stepNumber++;
        step = name;
        stepStarted = clock.getAsLong();
        this.total = total;
        this.unit = unit;
        done = 0;
        loggedTenths = 0;
        if (terminal) draw(true);
        else err.println(prefix() + name + (total > 0 ? words.t("cli.progress.total", "total", total, "unit", unit) : ""));
    }

    synchronized void advance(long n) {
        set(done + n);
    }

    synchronized void set(long doneNow) {
        done = doneNow;
        if (terminal) {
            draw(false);
        } else if (total > 0) {
            int tenths = (int) Math.min(10, done * 10 / total);
            if (tenths > loggedTenths) {
                loggedTenths = tenths;
                err.println(prefix() + step + ": " + counts());
            }
        }
    }

    /** A line that stays (a measured figure, a warning); on a terminal the live line is redrawn under it. */
    synchronized void note(String line) {
        print(err, line);
    }

    /** Prints a line to {@code target} (stdout for results) without tearing the live line. */
    synchronized void print(PrintStream target, String line) {
        clear();
        target.println(line);
        target.flush();
        if (terminal && step != null && !closed) draw(true);
    }

    /** Takes the live line away, so others may write to the terminal; the next step draws it again. */
    synchronized void clearLine() {
        clear();
    }

    /** Stops the ticker and clears the live line: what stays on screen is the work's own output. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (ticker != null) ticker.shutdownNow();
        clear();
    }

    private synchronized void tick() {
        if (!closed && step != null) draw(true);
    }

    private void draw(boolean force) {
        long now = clock.getAsLong();
        if (!force && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        String line = prefix() + step + (total > 0 || done > 0 ? "  " + counts() : "") + "  " + words.t("cli.progress.seconds", "seconds", words.decimal((now - stepStarted) / 1e9, 1));
        StringBuilder out = new StringBuilder("\r").append(line);
        if (line.length() < drawnWidth) out.append(" ".repeat(drawnWidth - line.length()));
        drawnWidth = line.length();
        err.print(out);
        err.flush();
    }

    private void clear() {
        if (!terminal || drawnWidth == 0) return;
        err.print("\r" + " ".repeat(drawnWidth) + "\r");
        err.flush();
        drawnWidth = 0;
    }

    private String prefix() {
        return task + ": [" + stepNumber + "] ";
    }

    private String counts() {
        double elapsed = Math.max(1e-9, (clock.getAsLong() - stepStarted) / 1e9);
        String what = unit == null ? words.t("cli.progress.items") : unit;
        String rate = words.t("cli.progress.rate", "rate", words.integer(done / elapsed), "unit", what);
        if (total <= 0) return words.t("cli.progress.count", "done", done, "unit", what, "rate", rate);
        return String.format(Locale.ROOT, "%3d%%  ", (int) (100 * done / total))
                + words.t("cli.progress.counted", "done", done, "total", total, "unit", unit, "rate", rate);
    }
}
