package org.ddrm.api.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;

/**
 * The gradient of {@code SparseTensorDenseMatMul}, which TensorFlow's C++ gradient registry
 * lacks: the dense input's gradient is {@code A^T g}; the sparse inputs (indices, values, shape)
 * get zeros, so sparse weights never train.
 */
public final class SparseMatMulGradient {
  private static boolean registered;

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
          Operand denseGradient = tf.sparse.sparseTensorDenseMatMul(inputs.aIndices, inputs.aValues,
              inputs.aShape, gradient, SparseTensorDenseMatMul.adjointA(!inputs.adjointA));
          return List.of(tf.zerosLike(inputs.aIndices), tf.zerosLike(inputs.aValues),
              tf.zerosLike(inputs.aShape), denseGradient);
        });
    registered = true;
  }
}
