package org.ddrm.api.graph;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.sparse.SparseMatrixMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A sparse matrix in the graph: COO indices (row-major, a constant), values (a constant, or any
 * operand such as a variable) and dense shape. {@link #times(Ops, Operand)} multiplies it with a
 * dense table by {@code SparseTensorDenseMatMul}; {@link #times(Ops, Operand, SparseMatrix)}, the
 * propagation product, by {@code SparseMatrixMatMul} over the same entries in CSR form, whose CPU
 * kernel uses every intra-op thread. Training through either needs
 * {@link SparseMatMulGradient#ensureRegistered()}.
 */
public final class SparseMatrix {
  private final Operand<TInt64> indices;
  private final Operand<TFloat32> values;
  private final Operand<TInt64> shape;
  private final long rows;
  private final long columns;
  private final int nnz;
  /** The CSR form of constant values, built by the first CSR product and shared by the later. */
  private Operand<? extends TType> sharedCsr;

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
   * {@code this x dense} by the CSR kernel, where {@code transpose} holds this matrix's transpose
   * in its own row-major order: the gradient {@code this^T g} is then the CSR product
   * {@code transpose x g}, not an adjoint product. The values' gradient flows too (to a
   * variable upstream of them, if any).
   */
  public Operand<TFloat32> times(Ops tf, Operand<TFloat32> dense, SparseMatrix transpose) {
    if (transpose.rows != columns || transpose.nnz != nnz) {
      throw new IllegalArgumentException("not a transpose: " + transpose.rows + " rows and "
          + transpose.nnz + " entries for a matrix of " + columns + " columns and " + nnz);
    }
    SparseMatrixMatMul<TFloat32> product = tf.linalg.sparse.sparseMatrixMatMul(csr(tf), dense);
    SparseMatMulGradient.useTranspose(product, this, transpose);
    return product;
  }

  /**
   * The CSR form for one product: one form shared by every product when no variable is upstream
   * of the values, else a form per product, so that each form's gradient (which TensorFlow cannot
   * add up over several consumers of a CSR tensor) reaches the values on its own.
   */
  private Operand<? extends TType> csr(Ops tf) {
    if (GraphWalk.reachesVariable(values)) {
      return csrWithValues(tf, values);
    }
    if (sharedCsr == null) {
      sharedCsr = csrWithValues(tf, values);
    }
    return sharedCsr;
  }

  /** {@code <g_r, b_c>} for every stored entry (r, c): the values' gradient of {@code this x b}. */
  Operand<TFloat32> valuesGradient(Ops tf, Operand<TFloat32> gradient, Operand<TFloat32> dense) {
    return SparseMatMulGradient.entryProducts(tf, indices, gradient, dense);
  }

  /** This matrix's entries with other values in CSR form (the gradient of a CSR operand). */
  Operand<? extends TType> csrWithValues(Ops tf, Operand<TFloat32> newValues) {
    return tf.linalg.sparse.sparseTensorToCSRSparseMatrix(indices, newValues, shape);
  }
}
