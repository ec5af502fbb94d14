package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.BatchSource;
import org.ddrm.api.TrainableModel;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A recommender computed in one pass (MostPop, ItemKNN, EASE): its weights are variables whose
 * initial values are the closed-form model, computed from the train matrix in the graph when the
 * session initialises. It has no trainable variables, so the run trains no epoch and goes straight
 * to the full-ranking evaluation every model goes through.
 */
abstract class OnePassModel implements TrainableModel {
  private final String name;

  OnePassModel(String name) {
    this.name = name;
  }

  @Override
  public final Operand<TFloat32> loss() {
    throw new UnsupportedOperationException(name + " is computed in one pass; it has no loss");
  }

  @Override
  public final List<Variable<TFloat32>> trainableVariables() {
    return List.of();
  }

  @Override
  public final BatchSource batches() {
    throw new UnsupportedOperationException(name + " is computed in one pass; it has no batches");
  }
}
