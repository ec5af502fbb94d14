package org.ddrm.core.data;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Dataset;

/**
 * A data set split from raw ratings, with what the split knows beyond the pairs.
 *
 * @param dataset the train, valid and test pairs (natural noise: with train noise labels)
 * @param validNoiseLabels for each valid pair whether it is a false positive; empty for the
 *     clean split
 * @param userIds original id of each internal user id
 * @param itemIds original id of each internal item id
 * @param clean whether false positives were dropped (the clean split)
 * @param threshold the lowest rating counted as a true positive
 */
public record PreparedSplit(Dataset dataset, Optional<boolean[]> validNoiseLabels,
    List<String> userIds, List<String> itemIds, boolean clean, double threshold) {}
