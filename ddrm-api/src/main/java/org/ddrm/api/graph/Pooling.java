package org.ddrm.api.graph;

/** How the propagation layers 0..L are pooled into one table. */
public enum Pooling {
  /** The mean of the layers (LightGCN). */
  MEAN,
  /**
   * Layer 0 as it is plus layers 1..L, each propagated from the previous one after L2-normalising
   * its rows, summed normalised (the DDRM reference's SGL propagation).
   */
  NORMALIZED_SUM,
  /** The plain sum of the layers (AdaGCL's code). */
  SUM
}
