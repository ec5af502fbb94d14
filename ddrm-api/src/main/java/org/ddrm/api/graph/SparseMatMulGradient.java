package org.ddrm.api.graph;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.RawOp;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;

/**
 * The gradient of {@code SparseTensorDenseMatMul}, which TensorFlow's C++ gradient registry
 * lacks: the dense input's gradient is {@code A^T g}, computed as the plain product with
 * {@code A^T}'s own entries where the forward product named them
 * ({@link SparseMatrix#times(org.tensorflow.op.Ops, Operand, SparseMatrix)}), else as the adjoint
 * product; stored value e at (r, c) gets {@code <g_r, b_c>} ({@code <b_r, g_c>} for
 * {@code adjoint_a}), so that learned edge weights (AdaGCL's denoising view) train; indices and
 * shape get zeros. A session computes the values' gradient only where it leads to a trained
 * variable: constant weights cost nothing. {@code adjoint_b} is not supported (no model uses it).
 */
public final class SparseMatMulGradient {
  private static boolean registered;
  /** Per graph: forward product op name -> the transpose of its sparse matrix. */
  private static final Map<ExecutionEnvironment, Map<String, SparseMatrix>> TRANSPOSES =
      new WeakHashMap<>();

  private SparseMatMulGradient() {}

  /**
   * Registers the gradient once per process. Call before {@code addGradients} on any graph that
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
          SparseMatrix transpose = transposeOf(inputs.getOutputs());
          Operand denseGradient = transpose != null && !inputs.adjointA && !inputs.adjointB
              ? transpose.times(tf, gradient)
              : tf.sparse.sparseTensorDenseMatMul(inputs.aIndices, inputs.aValues, inputs.aShape,
                  gradient, SparseTensorDenseMatMul.adjointA(!inputs.adjointA));
          Operand rows = tf.reshape(tf.slice(inputs.aIndices, tf.constant(new int[] {0, 0}),
              tf.constant(new int[] {-1, 1})), tf.constant(new int[] {-1}));
          Operand columns = tf.reshape(tf.slice(inputs.aIndices, tf.constant(new int[] {0, 1}),
              tf.constant(new int[] {-1, 1})), tf.constant(new int[] {-1}));
          Operand left = inputs.adjointA ? inputs.b : gradient;
          Operand right = inputs.adjointA ? gradient : inputs.b;
          Operand valuesGradient = tf.reduceSum(tf.math.mul(tf.gather(left, rows, tf.constant(0)),
              tf.gather(right, columns, tf.constant(0))), tf.constant(1));
          return List.of(tf.zerosLike(inputs.aIndices), valuesGradient,
              tf.zerosLike(inputs.aShape), denseGradient);
        });
    registered = true;
  }

  static synchronized void useTranspose(RawOp product, SparseMatrix transpose) {
    TRANSPOSES.computeIfAbsent(product.op().env(), g -> new ConcurrentHashMap<>())
        .put(product.op().name(), transpose);
  }

  private static synchronized SparseMatrix transposeOf(RawOp product) {
    Map<String, SparseMatrix> byName = TRANSPOSES.get(product.op().env());
    return byName == null ? null : byName.get(product.op().name());
  }
}
