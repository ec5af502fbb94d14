package org.ddrm.core.ddrm;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.nn.DenseLayer;
import org.ddrm.api.nn.StepEmbedding;
import org.ddrm.api.nn.SeededOps;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The reference denoising module: an MLP over {@code [dropout(x_t), Linear(step embedding),
 * condition]} ({@code 2 dim + stepDim} wide), the activation after every hidden layer and none
 * after the output layer, which is {@code dim} wide and predicts {@code x_0}.
 */
final class ConditionalDenoiserMlp implements DenoiserNetwork {
  private final Ops tf;
  private final StepEmbedding stepEmbedding;
  private final DenseLayer stepProjection;
  private final List<DenseLayer> layers = new ArrayList<>();
  private final DdrmSettings.Activation activation;
  private final double dropout;
  private final ModelGraph graph;
  private final int dim;

  ConditionalDenoiserMlp(Ops tf, int dim, List<Integer> hidden, DdrmSettings.Activation activation,
      double dropout, StepEmbedding stepEmbedding, ModelGraph graph) {
    this.tf = tf;
    this.stepEmbedding = stepEmbedding;
    this.activation = activation;
    this.dropout = dropout;
    this.graph = graph;
    this.dim = dim;
    int stepDim = stepEmbedding.dimension();
    this.stepProjection = new DenseLayer(tf, "step_projection", stepDim, stepDim, graph::nextSeed);
    int width = 2 * dim + stepDim;
    List<Integer> outputs = new ArrayList<>(hidden);
    outputs.add(dim);
    for (int k = 0; k < outputs.size(); k++) {
      layers.add(new DenseLayer(tf, "layer_" + k, width, outputs.get(k), graph::nextSeed));
      width = outputs.get(k);
    }
  }

  @Override
  public Operand<TFloat32> predictStart(Operand<TFloat32> noisy, Operand<TInt32> steps,
      Operand<TFloat32> condition, boolean training) {
    Operand<TFloat32> x = training
        ? SeededOps.dropout(tf, noisy, DdrmDenoiser.rowsTimes(tf, steps, dim), dropout,
            graph.nextOpSeed())
        : noisy;
    Operand<TFloat32> step = stepProjection.apply(tf, stepEmbedding.rows(tf, steps));
    Operand<TFloat32> h = tf.concat(List.of(x, step, condition), tf.constant(1));
    for (int k = 0; k < layers.size(); k++) {
      h = layers.get(k).apply(tf, h);
      if (k < layers.size() - 1) {
        h = DenoiserNetwork.activate(tf, activation, h);
      }
    }
    return h;
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>(stepProjection.variables());
    layers.forEach(layer -> variables.addAll(layer.variables()));
    return variables;
  }
}
