package org.ddrm.baselines.denoise;

import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The backend's scores of a triple batch: {@code <u, i>} of each user with its positive item and
 * {@code <u, j>} with its sampled negative, each of shape [B].
 */
record TripleScores(Operand<TFloat32> positive, Operand<TFloat32> negative) {
  static TripleScores of(Ops tf, EmbeddingBackend backend, TripleBatch batch) {
    Operand<TFloat32> users = RankingOps.rows(tf, backend.userEmbeddings(), batch.users());
    return new TripleScores(
        RankingOps.dot(tf, users, RankingOps.rows(tf, backend.itemEmbeddings(), batch.positives())),
        RankingOps.dot(tf, users, RankingOps.rows(tf, backend.itemEmbeddings(), batch.negatives())));
  }
}
