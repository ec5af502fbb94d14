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
 */
public record LossPart(Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
  public LossPart {
    variables = List.copyOf(variables);
  }
}
