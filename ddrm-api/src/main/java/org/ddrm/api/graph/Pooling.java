package org.ddrm.api.graph;

/** How the propagation layers 0..L are pooled into one table. */
public enum Pooling {
  /** The mean of the layers (LightGCN). */
  MEAN,
  /** The sum of the layers after L2-normalising every row of each (the DDRM reference's SGL row). */
  NORMALIZED_SUM,
  /** The plain sum of the layers (AdaGCL's code). */
  SUM
}
