package org.ddrm.api;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A part of a model's loss with the variables that one optimiser moves by it
 * ({@link TrainableModel#optimisedParts()}). Every variable must influence the part.
 *
 * @param loss the scalar part
 * @param variables the variables its optimiser trains
 * @param epsilon the optimiser's epsilon (Adam's floor under the root of the second moment)
 */
public record LossPart(Operand<TFloat32> loss, List<Variable<TFloat32>> variables,
    double epsilon) {
  /** Adam's usual epsilon. */
  public static final double DEFAULT_EPSILON = 1e-8;

  public LossPart {
    variables = List.copyOf(variables);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
    }
  }

  /** A part with Adam's usual epsilon. */
  public LossPart(Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
    this(loss, variables, DEFAULT_EPSILON);
  }
}
