package io.linkscope.runtime;

/**
 * Whether this process should receive traffic: only after the schema migrations ran and the verticles are up,
 * not while something holds it back (the demo, until its portfolio is committed), and no longer once it is
 * stopping. Liveness is separate: a process that is draining is still alive.
 */
public final class Readiness {
    public enum State { starting, ready, held, draining }

    private volatile boolean started;
    private volatile int holds;
    private volatile boolean draining;

    public void started() {
        started = true;
    }

    public synchronized void hold() {
        holds++;
    }

    public synchronized void release() {
        holds = Math.max(0, holds - 1);
    }

    public void drain() {
        draining = true;
    }

    public State state() {
        if (draining) return State.draining;
        if (!started) return State.starting;
        return holds > 0 ? State.held : State.ready;
    }

    public boolean ready() {
        return state() == State.ready;
    }
}
