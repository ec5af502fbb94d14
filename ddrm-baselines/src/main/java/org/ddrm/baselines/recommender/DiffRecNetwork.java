package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.ddrm.api.nn.DenseLayer;
import org.ddrm.api.nn.StepEmbedding;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DiffRec's denoiser (the authors' {@code DNN}, time embedding concatenated): input
 * {@code [dropout(x_t), Linear(step embedding)]}, then dense layers through the mirrored widths
 * (for {@code dims = [200, 600]}: items + 10 -> 600 -> 200 -> 600 -> items), the activation after
 * every layer but the last. Predicts x_0. Every call adds a branch sharing the same variables.
 */
final class DiffRecNetwork {
  private final Ops tf;
  private final StepEmbedding stepEmbedding;
  private final DenseLayer stepProjection;
  private final List<DenseLayer> layers = new ArrayList<>();
  private final Activation activation;

  DiffRecNetwork(Ops tf, int items, List<Integer> dims, int steps, int stepDim,
      Activation activation, LongSupplier seeds) {
    this.tf = tf;
    this.activation = activation;
    this.stepEmbedding = new StepEmbedding(tf, steps, stepDim);
    this.stepProjection = new DenseLayer(tf, "step_projection", stepDim, stepDim, seeds);
    List<Integer> outputs = new ArrayList<>(dims);
    outputs.add(items);
    List<Integer> inputs = new ArrayList<>(outputs.subList(0, outputs.size() - 1));
    Collections.reverse(inputs);
    List<Integer> widths = new ArrayList<>();
    widths.add(items + stepDim);
    widths.addAll(inputs);
    widths.addAll(outputs.subList(1, outputs.size()));
    for (int k = 0; k + 1 < widths.size(); k++) {
      layers.add(new DenseLayer(tf, "layer_" + k, widths.get(k), widths.get(k + 1), seeds));
    }
  }

  /** Layer widths from input to output. */
  List<Integer> widths() {
    List<Integer> widths = new ArrayList<>();
    widths.add((int) layers.get(0).weight().shape().size(0));
    layers.forEach(layer -> widths.add((int) layer.weight().shape().size(1)));
    return widths;
  }

  /** The predicted x_0 of noisy rows {@code x} [B, items] at {@code steps} [B]. */
  Operand<TFloat32> predictStart(Operand<TFloat32> x, Operand<TInt32> steps) {
    Operand<TFloat32> step = stepProjection.apply(tf, stepEmbedding.rows(tf, steps));
    Operand<TFloat32> h = tf.concat(List.of(x, step), tf.constant(1));
    for (int k = 0; k < layers.size(); k++) {
      h = layers.get(k).apply(tf, h);
      if (k < layers.size() - 1) {
        h = activation.apply(tf, h);
      }
    }
    return h;
  }

  List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>(stepProjection.variables());
    layers.forEach(layer -> variables.addAll(layer.variables()));
    return variables;
  }
}
