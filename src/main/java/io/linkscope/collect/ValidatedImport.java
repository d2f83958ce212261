package io.linkscope.collect;

import io.linkscope.graph.WriteBatch;

import java.util.List;

/**
 * The outcome of validation: the batch of everything valid, and every problem found.
 * {@code addressesUnstructured}: addresses the parser could not structure, keyed by their folded form (spec §1a).
 * In {@link ImportMode#ALL_OR_NOTHING} mode a non-empty {@code errors} means nothing may be written.
 */
public record ValidatedImport(WriteBatch batch, List<ImportProblem> errors, List<ImportProblem> warnings,
                              int storesRejected, int attributesRejected, int addressesUnstructured) {
    public ValidatedImport(WriteBatch batch, List<ImportProblem> errors, List<ImportProblem> warnings,
                           int storesRejected, int attributesRejected) {
        this(batch, errors, warnings, storesRejected, attributesRejected, 0);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
