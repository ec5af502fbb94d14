package org.ddrm.baselines.denoise;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddrm.api.ModelGraph;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * DeCA's auxiliary models: the prior {@code g} and the noise models {@code h1} (DP's false
 * positive rate) and {@code h2} (DN's true positive rate), each present only when its objective
 * is used.
 */
record DecaModels(PairModel prior, Optional<BernoulliMf> falsePositive,
    Optional<BernoulliMf> truePositive) {

  /** DeCA's models: an MF prior of size {@code priorDim} and MF noise models. */
  static DecaModels build(ModelGraph graph, Ops tf, DecaObjective objective, int priorDim,
      int noiseDim, float initStd) {
    return build(graph, tf, objective, new BernoulliMf(graph, tf, "prior", priorDim, initStd),
        noiseDim, initStd);
  }

  /** The models with the given prior and MF noise models. */
  static DecaModels build(ModelGraph graph, Ops tf, DecaObjective objective, PairModel prior,
      int noiseDim, float initStd) {
    Optional<BernoulliMf> h1 = objective.usesDp()
        ? Optional.of(new BernoulliMf(graph, tf, "false_positive", noiseDim, initStd))
        : Optional.empty();
    Optional<BernoulliMf> h2 = objective.usesDn()
        ? Optional.of(new BernoulliMf(graph, tf, "true_positive", noiseDim, initStd))
        : Optional.empty();
    return new DecaModels(prior, h1, h2);
  }

  /** The variables of every model present. */
  List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>(prior.variables());
    falsePositive.ifPresent(m -> variables.addAll(m.variables()));
    truePositive.ifPresent(m -> variables.addAll(m.variables()));
    return variables;
  }
}
