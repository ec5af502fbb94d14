package org.ddrm.api.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;

/** Questions about the ops upstream of an operand in a graph. */
final class GraphWalk {
  private static final Set<String> VARIABLE_OPS =
      Set.of("VariableV2", "Variable", "VarHandleOp", "ReadVariableOp");

  private GraphWalk() {}

  /**
   * Whether a gradient can flow from {@code operand} to a variable: some variable op is upstream
   * of it along data inputs that do not pass a {@code StopGradient}.
   */
  static boolean reachesVariable(Operand<?> operand) {
    Operation start = operand.op();
    if (!(start instanceof GraphOperation)) {
      return false;
    }
    Deque<GraphOperation> open = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    open.add((GraphOperation) start);
    while (!open.isEmpty()) {
      GraphOperation op = open.poll();
      if (!seen.add(op.name()) || op.type().equals("StopGradient")) {
        continue;
      }
      if (VARIABLE_OPS.contains(op.type())) {
        return true;
      }
      for (int k = 0; k < op.numInputs(); k++) {
        open.add((GraphOperation) op.input(k).op());
      }
    }
    return false;
  }
}
