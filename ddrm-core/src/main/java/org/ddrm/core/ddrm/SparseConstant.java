package org.ddrm.core.ddrm;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A fixed sparse matrix held in graph constants (COO indices in row-major order, values, dense
 * shape), multiplied with dense tables by {@code SparseTensorDenseMatMul}.
 */
final class SparseConstant {
  private final Operand<TInt64> indices;
  private final Operand<TFloat32> values;
  private final Operand<TInt64> shape;
  private final long rows;

  private SparseConstant(Ops tf, long[] flatIndices, float[] values, long rows, long columns) {
    int nnz = values.length;
    this.indices = tf.constant(Shape.of(nnz, 2), DataBuffers.of(flatIndices, true, false));
    this.values = tf.constant(Shape.of(nnz), DataBuffers.of(values, true, false));
    this.shape = tf.constant(new long[] {rows, columns});
    this.rows = rows;
  }

  /**
   * The symmetric-normalised adjacency {@code D^-1/2 A D^-1/2} of the user-item graph, over
   * {@code numUsers + numItems} nodes (users first): entry (u, U + i) and (U + i, u) is
   * {@code 1 / sqrt(deg(u) deg(i))} for every train pair.
   */
  static SparseConstant normalizedAdjacency(Ops tf, UserItemMatrix train) {
    int users = train.numUsers();
    int items = train.numItems();
    int[] itemDegree = new int[items];
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < train.degree(u); k++) {
        itemDegree[train.item(u, k)]++;
      }
    }
    int[] itemStart = new int[items + 1];
    for (int i = 0; i < items; i++) {
      itemStart[i + 1] = itemStart[i] + itemDegree[i];
    }
    int[] itemUsers = new int[train.nnz()];
    int[] fill = itemStart.clone();
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < train.degree(u); k++) {
        int i = train.item(u, k);
        itemUsers[fill[i]++] = u;
      }
    }
    int nnz = 2 * train.nnz();
    long[] indices = new long[2 * nnz];
    float[] values = new float[nnz];
    int e = 0;
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < train.degree(u); k++) {
        int i = train.item(u, k);
        indices[2 * e] = u;
        indices[2 * e + 1] = users + i;
        values[e++] = (float) (1 / Math.sqrt((double) train.degree(u) * itemDegree[i]));
      }
    }
    for (int i = 0; i < items; i++) {
      for (int k = itemStart[i]; k < itemStart[i + 1]; k++) {
        int u = itemUsers[k];
        indices[2 * e] = users + i;
        indices[2 * e + 1] = u;
        values[e++] = (float) (1 / Math.sqrt((double) train.degree(u) * itemDegree[i]));
      }
    }
    return new SparseConstant(tf, indices, values, users + items, users + items);
  }

  /**
   * The row-normalised user-item matrix: entry (u, i) is {@code 1 / deg(u)} for every train item
   * of u, so that its product with the item table is each user's mean train-item embedding (zero
   * for users without train items).
   */
  static SparseConstant rowNormalized(Ops tf, UserItemMatrix train) {
    int nnz = train.nnz();
    long[] indices = new long[2 * nnz];
    float[] values = new float[nnz];
    int e = 0;
    for (int u = 0; u < train.numUsers(); u++) {
      int degree = train.degree(u);
      for (int k = 0; k < degree; k++) {
        indices[2 * e] = u;
        indices[2 * e + 1] = train.item(u, k);
        values[e++] = 1f / degree;
      }
    }
    return new SparseConstant(tf, indices, values, train.numUsers(), train.numItems());
  }

  long rows() {
    return rows;
  }

  /** {@code this x dense}. */
  Operand<TFloat32> times(Ops tf, Operand<TFloat32> dense) {
    return tf.sparse.sparseTensorDenseMatMul(indices, values, shape, dense);
  }
}
