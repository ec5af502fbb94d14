package org.ddrm.baselines.denoise;

/**
 * The loss T-CE and R-CE modify. They were defined on pointwise binary cross-entropy; our
 * backends train with BPR, so both forms are offered.
 */
enum LossForm {
  /** Pairwise: each (user, positive, negative) triple's BPR loss is truncated or reweighted. */
  BPR,
  /**
   * Pointwise: the positive pair (label 1) and the sampled negative pair (label 0) each get a
   * binary cross-entropy on the logit {@code <u, i>}, as in the original papers.
   */
  BCE
}
