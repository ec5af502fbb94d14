package org.ddrm.api.graph;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawOp;
import org.tensorflow.op.linalg.sparse.SparseMatrixMatMul;
import org.tensorflow.op.linalg.sparse.SparseTensorToCSRSparseMatrix;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The gradients of the sparse products, which TensorFlow's C++ gradient registry lacks:
 *
 * <ul>
 *   <li>{@code SparseTensorDenseMatMul} ({@link SparseMatrix#times(Ops, Operand)}): the dense
 *       input's gradient is the adjoint product {@code A^T g}; stored value e at (r, c) gets
 *       {@code <g_r, b_c>} ({@code <b_r, g_c>} for {@code adjoint_a}), so that learned edge
 *       weights (AdaGCL's denoising view) train; indices and shape get zeros.
 *   <li>{@code SparseMatrixMatMul} ({@link SparseMatrix#times(Ops, Operand, SparseMatrix)}): the
 *       dense input's gradient is the CSR product with the transpose the forward product named;
 *       the CSR operand's gradient is the same entries holding {@code <g_r, b_c>}, which
 *       {@code SparseTensorToCSRSparseMatrix}'s gradient hands back to the values.
 * </ul>
 *
 * <p>A session computes the values' gradient only where it leads to a trained variable: constant
 * weights cost nothing. Transposed or adjoint CSR products and {@code adjoint_b} are not
 * supported (no model uses them).
 */
public final class SparseMatMulGradient {
  private static boolean registered;
  /** Per graph: CSR product op name -> its sparse matrix and that matrix's transpose. */
  private static final Map<ExecutionEnvironment, Map<String, SparseMatrix[]>> CSR_PRODUCTS =
      new WeakHashMap<>();

  private SparseMatMulGradient() {}

  /**
   * Registers the gradients once per process. Call before {@code addGradients} on any graph that
   * trains through {@link SparseMatrix#times}; later calls do nothing.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static synchronized void ensureRegistered() {
    if (registered) {
      return;
    }
    TensorFlow.registerCustomGradient(SparseTensorDenseMatMul.Inputs.class,
        (tf, inputs, gradients) -> {
          Operand gradient = gradients.get(0);
          Operand denseGradient = tf.sparse.sparseTensorDenseMatMul(inputs.aIndices,
              inputs.aValues, inputs.aShape, gradient,
              SparseTensorDenseMatMul.adjointA(!inputs.adjointA));
          Operand valuesGradient = inputs.adjointA
              ? entryProducts(tf, inputs.aIndices, inputs.b, gradient)
              : entryProducts(tf, inputs.aIndices, gradient, inputs.b);
          return List.of(tf.zerosLike(inputs.aIndices), valuesGradient,
              tf.zerosLike(inputs.aShape), denseGradient);
        });
    TensorFlow.registerCustomGradient(SparseMatrixMatMul.Inputs.class,
        (tf, inputs, gradients) -> {
          if (inputs.transposeA || inputs.adjointA || inputs.transposeB || inputs.adjointB
              || inputs.transposeOutput || inputs.conjugateOutput) {
            throw new UnsupportedOperationException(
                "no gradient for a transposed or adjoint SparseMatrixMatMul");
          }
          Operand<TFloat32> gradient = (Operand<TFloat32>) gradients.get(0);
          SparseMatrix[] matrices = csrProduct(inputs.getOutputs());
          if (matrices == null) {
            throw new IllegalStateException("SparseMatrixMatMul " + inputs.getOutputs().op().name()
                + " was not built by SparseMatrix.times, so its transpose is unknown");
          }
          SparseMatrix matrix = matrices[0];
          SparseMatrix transpose = matrices[1];
          Operand<TFloat32> dense = (Operand<TFloat32>) inputs.b;
          return List.of(
              matrix.csrWithValues(tf, matrix.valuesGradient(tf, gradient, dense)),
              transpose.times(tf, gradient, matrix));
        });
    TensorFlow.registerCustomGradient(SparseTensorToCSRSparseMatrix.Inputs.class,
        (tf, inputs, gradients) -> List.of(tf.zerosLike(inputs.indices),
            tf.linalg.sparse.cSRSparseMatrixToSparseTensor(gradients.get(0), TFloat32.class)
                .values(),
            tf.zerosLike(inputs.denseShape)));
    registered = true;
  }

  /**
   * {@code <left_r, right_c>} for every entry (r, c) of {@code indices} ([nnz, 2]): the gradient
   * of a sparse product with respect to its stored values.
   */
  static Operand<TFloat32> entryProducts(Ops tf, Operand<TInt64> indices, Operand<TFloat32> left,
      Operand<TFloat32> right) {
    Operand<TInt64> rows = tf.reshape(tf.slice(indices, tf.constant(new int[] {0, 0}),
        tf.constant(new int[] {-1, 1})), tf.constant(new int[] {-1}));
    Operand<TInt64> columns = tf.reshape(tf.slice(indices, tf.constant(new int[] {0, 1}),
        tf.constant(new int[] {-1, 1})), tf.constant(new int[] {-1}));
    return tf.reduceSum(tf.math.mul(tf.gather(left, rows, tf.constant(0)),
        tf.gather(right, columns, tf.constant(0))), tf.constant(1));
  }

  static synchronized void useTranspose(RawOp product, SparseMatrix matrix,
      SparseMatrix transpose) {
    CSR_PRODUCTS.computeIfAbsent(product.op().env(), g -> new ConcurrentHashMap<>())
        .put(product.op().name(), new SparseMatrix[] {matrix, transpose});
  }

  private static synchronized SparseMatrix[] csrProduct(RawOp product) {
    Map<String, SparseMatrix[]> byName = CSR_PRODUCTS.get(product.op().env());
    return byName == null ? null : byName.get(product.op().name());
  }
}
