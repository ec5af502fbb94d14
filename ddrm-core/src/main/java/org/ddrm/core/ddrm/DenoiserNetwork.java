package org.ddrm.core.ddrm;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.nn.StepEmbedding;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One of DDRM's two denoising modules (user or item): predicts the clean embedding {@code x_0}
 * from a noisy one, the diffusion step and a condition (the other side's original embedding).
 * Every call adds a new branch to the graph; all branches share the network's variables, so the
 * training branch (with dropout) and the inference branches (without) use the same weights.
 */
interface DenoiserNetwork {
  /**
   * The predicted {@code x_0}, shape [B, dim].
   *
   * @param noisy the noisy embeddings x_t, [B, dim]
   * @param steps the step of each row, [B]
   * @param condition the condition of each row, [B, dim]
   * @param training whether to apply dropout to the noisy input
   */
  Operand<TFloat32> predictStart(Operand<TFloat32> noisy, Operand<TInt32> steps,
      Operand<TFloat32> condition, boolean training);

  List<Variable<TFloat32>> variables();

  /** Builds the network the settings ask for under the sub-scope {@code name}. */
  static DenoiserNetwork create(DdrmSettings settings, Ops tf, String name, int dim,
      StepEmbedding stepEmbedding, ModelGraph graph) {
    Ops scope = tf.withSubScope(name);
    return switch (settings.network()) {
      case MLP -> new ConditionalDenoiserMlp(scope, dim, settings.hidden(), settings.activation(),
          settings.dropout(), stepEmbedding, graph);
      case TRANSFORMER -> new AttentionDenoiser(scope, dim, settings.attentionTokens(),
          settings.attentionWidth(), settings.activation(), settings.dropout(), stepEmbedding, graph);
    };
  }

  /** The activation applied after hidden layers. */
  static Operand<TFloat32> activate(Ops tf, DdrmSettings.Activation activation, Operand<TFloat32> x) {
    return switch (activation) {
      case SIGMOID -> tf.math.sigmoid(x);
      case RELU -> tf.nn.relu(x);
      case TANH -> tf.math.tanh(x);
    };
  }

}
