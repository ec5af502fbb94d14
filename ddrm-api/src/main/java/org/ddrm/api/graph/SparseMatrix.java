package org.ddrm.api.graph;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A sparse matrix in the graph: COO indices (row-major, a constant), values (a constant, or any
 * operand such as a variable) and dense shape, multiplied with dense tables by
 * {@code SparseTensorDenseMatMul}. Training through {@link #times} needs
 * {@link SparseMatMulGradient#ensureRegistered()}.
 */
public final class SparseMatrix {
  private final Operand<TInt64> indices;
  private final Operand<TFloat32> values;
  private final Operand<TInt64> shape;
  private final long rows;
  private final long columns;
  private final int nnz;

  private SparseMatrix(Operand<TInt64> indices, Operand<TFloat32> values, Operand<TInt64> shape,
      long rows, long columns, int nnz) {
    this.indices = indices;
    this.values = values;
    this.shape = shape;
    this.rows = rows;
    this.columns = columns;
    this.nnz = nnz;
  }

  /**
   * A constant matrix.
   *
   * @param flatIndices (row, column) pairs flattened, in row-major order, {@code 2 * nnz} long
   */
  public static SparseMatrix constant(Ops tf, long[] flatIndices, float[] values, long rows,
      long columns) {
    if (flatIndices.length != 2 * values.length) {
      throw new IllegalArgumentException(
          flatIndices.length + " index entries for " + values.length + " values");
    }
    int nnz = values.length;
    return new SparseMatrix(
        tf.constant(Shape.of(nnz, 2), DataBuffers.of(flatIndices, true, false)),
        tf.constant(Shape.of(nnz), DataBuffers.of(values, true, false)),
        tf.constant(new long[] {rows, columns}), rows, columns, nnz);
  }

  /**
   * The row-normalised user-item matrix: entry (u, i) is {@code 1 / deg(u)} for every train item
   * of u, so that its product with the item table is each user's mean train-item embedding (zero
   * for users without train items).
   */
  public static SparseMatrix rowNormalized(Ops tf, UserItemMatrix train) {
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
    return constant(tf, indices, values, train.numUsers(), train.numItems());
  }

  /** The same sparsity pattern with other values ({@code [nnz]}, e.g. a variable). */
  public SparseMatrix withValues(Operand<TFloat32> newValues) {
    return new SparseMatrix(indices, newValues, shape, rows, columns, nnz);
  }

  public long rows() {
    return rows;
  }

  /** Number of stored entries. */
  public int nnz() {
    return nnz;
  }

  /** {@code this x dense}; its gradient uses the adjoint of this matrix's own entries. */
  public Operand<TFloat32> times(Ops tf, Operand<TFloat32> dense) {
    return tf.sparse.sparseTensorDenseMatMul(indices, values, shape, dense);
  }

  /**
   * {@code this x dense}, where {@code transpose} holds this matrix's transpose in its own
   * row-major order: the gradient {@code this^T g} is then the plain product {@code transpose x g},
   * which TensorFlow's kernel computes faster than the adjoint product (rows written in order).
   */
  public Operand<TFloat32> times(Ops tf, Operand<TFloat32> dense, SparseMatrix transpose) {
    if (transpose.rows != columns || transpose.nnz != nnz) {
      throw new IllegalArgumentException("not a transpose: " + transpose.rows + " rows and "
          + transpose.nnz + " entries for a matrix of " + columns + " columns and " + nnz);
    }
    SparseTensorDenseMatMul<TFloat32> product =
        tf.sparse.sparseTensorDenseMatMul(indices, values, shape, dense);
    SparseMatMulGradient.useTranspose(product, transpose);
    return product;
  }
}
