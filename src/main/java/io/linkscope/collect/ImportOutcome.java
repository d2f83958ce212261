package io.linkscope.collect;

import io.linkscope.graph.WriteResult;

import java.util.List;

/**
 * What became of an import. {@code written} is true only once the graph transaction committed.
 *
 * @param result                null when nothing was written
 * @param addressesUnstructured addresses the parser could not structure: they match only as written, folded
 *                              (spec §1a)
 */
public record ImportOutcome(boolean written, WriteResult result, int storesAccepted, int observationsAccepted,
                            int storesRejected, int attributesRejected, List<ImportProblem> errors,
                            List<ImportProblem> warnings, int addressesUnstructured) {
}
