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
 * The "Transformer" denoiser of the paper's Table 3, kept to one single-head attention block.
 * Each [B, dim] input is cut into {@code n} tokens of width {@code dim / n}. As in the paper, the
 * condition gives the queries, the step embedding (Linear(stepDim, stepDim), then Linear to dim,
 * cut the same way) gives the keys, and the noisy embedding (after dropout in training) gives the
 * values; each through its own Linear(dim / n, width). Attention is
 * {@code softmax(Q K^T / sqrt(width)) V} over the n tokens; its [B, n, width] output is
 * flattened, passed through the activation and projected by a Linear to dim, which predicts
 * {@code x_0}. There is no feed-forward block, residual or layer norm.
 */
final class AttentionDenoiser implements DenoiserNetwork {
  private final Ops tf;
  private final int tokens;
  private final int tokenWidth;
  private final int width;
  private final StepEmbedding stepEmbedding;
  private final DenseLayer stepProjection;
  private final DenseLayer stepToTokens;
  private final DenseLayer query;
  private final DenseLayer key;
  private final DenseLayer value;
  private final DenseLayer output;
  private final DdrmSettings.Activation activation;
  private final double dropout;
  private final ModelGraph graph;
  private final int dim;

  AttentionDenoiser(Ops tf, int dim, int tokens, int width, DdrmSettings.Activation activation,
      double dropout, StepEmbedding stepEmbedding, ModelGraph graph) {
    if (dim % tokens != 0) {
      throw new IllegalArgumentException("ddrm.attention_tokens: " + tokens
          + " does not divide the embedding dimension " + dim);
    }
    this.tf = tf;
    this.tokens = tokens;
    this.tokenWidth = dim / tokens;
    this.width = width;
    this.stepEmbedding = stepEmbedding;
    this.activation = activation;
    this.dropout = dropout;
    this.graph = graph;
    this.dim = dim;
    int stepDim = stepEmbedding.dimension();
    this.stepProjection = new DenseLayer(tf, "step_projection", stepDim, stepDim, graph::nextSeed);
    this.stepToTokens = new DenseLayer(tf, "step_tokens", stepDim, dim, graph::nextSeed);
    this.query = new DenseLayer(tf, "query", tokenWidth, width, graph::nextSeed);
    this.key = new DenseLayer(tf, "key", tokenWidth, width, graph::nextSeed);
    this.value = new DenseLayer(tf, "value", tokenWidth, width, graph::nextSeed);
    this.output = new DenseLayer(tf, "output", tokens * width, dim, graph::nextSeed);
  }

  @Override
  public Operand<TFloat32> predictStart(Operand<TFloat32> noisy, Operand<TInt32> steps,
      Operand<TFloat32> condition, boolean training) {
    Operand<TFloat32> x = training
        ? SeededOps.dropout(tf, noisy, DdrmDenoiser.rowsTimes(tf, steps, dim), dropout,
            graph.nextOpSeed())
        : noisy;
    Operand<TFloat32> step =
        stepToTokens.apply(tf, stepProjection.apply(tf, stepEmbedding.rows(tf, steps)));
    Operand<TFloat32> q = tokenProjection(query, condition);
    Operand<TFloat32> k = tokenProjection(key, step);
    Operand<TFloat32> v = tokenProjection(value, x);
    // [B, n, 1, w] * [B, 1, n, w] summed over w: the [B, n, n] attention logits.
    Operand<TFloat32> logits = tf.math.mul(
        tf.reduceSum(tf.math.mul(tf.expandDims(q, tf.constant(2)), tf.expandDims(k, tf.constant(1))),
            tf.constant(3)),
        tf.constant((float) (1 / Math.sqrt(width))));
    Operand<TFloat32> attention = tf.nn.softmax(logits);
    // [B, n, n, 1] * [B, 1, n, w] summed over the keys: [B, n, w].
    Operand<TFloat32> attended = tf.reduceSum(
        tf.math.mul(tf.expandDims(attention, tf.constant(3)), tf.expandDims(v, tf.constant(1))),
        tf.constant(2));
    Operand<TFloat32> flat = tf.reshape(attended, tf.constant(new int[] {-1, tokens * width}));
    return output.apply(tf, DenoiserNetwork.activate(tf, activation, flat));
  }

  /** Cuts [B, dim] into [B, n, dim / n] tokens and projects each to [B, n, width]. */
  private Operand<TFloat32> tokenProjection(DenseLayer projection, Operand<TFloat32> rows) {
    Operand<TFloat32> flatTokens = tf.reshape(rows, tf.constant(new int[] {-1, tokenWidth}));
    return tf.reshape(projection.apply(tf, flatTokens), tf.constant(new int[] {-1, tokens, width}));
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>();
    for (DenseLayer layer : List.of(stepProjection, stepToTokens, query, key, value, output)) {
      variables.addAll(layer.variables());
    }
    return variables;
  }
}
