package org.ddrm.eval.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Dataset;
import org.ddrm.api.Denoiser;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.core.evaluation.EvaluationOptions;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.ddrm.core.evaluation.Split;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ranking a denoiser starts from ({@link Denoiser#startingScores}), scored by the same
 * full-ranking evaluator as the trained model, so that a run reports what training added to it.
 */
final class StartingPoint {
  /** Validation and test means of the starting point. */
  record Metrics(Map<String, Double> valid, Map<String, Double> test) {}

  private final FullRankingEvaluator evaluator;

  private StartingPoint(FullRankingEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** The evaluator of the denoiser's starting point, when it has one. */
  static Optional<StartingPoint> of(Session session, Ops tf, Denoiser denoiser, Dataset dataset,
      EvaluationOptions options) {
    return denoiser.startingScores().map(scores -> new StartingPoint(new FullRankingEvaluator(
        session, tf, new ScoresOnly(scores, denoiser.startingFactors()), dataset, options)));
  }

  Metrics evaluate() {
    return new Metrics(evaluator.evaluate(Split.VALID).means(),
        evaluator.evaluate(Split.TEST).means());
  }

  /** A model that only scores (by blocks when it has factors); it is never trained. */
  private record ScoresOnly(Function<Operand<TInt32>, Operand<TFloat32>> scoring,
      Optional<UserItemTables> factors) implements TrainableModel {
    @Override
    public Optional<UserItemTables> scoringFactors() {
      return factors;
    }

    @Override
    public Operand<TFloat32> loss() {
      throw new UnsupportedOperationException("the starting point is not trained");
    }

    @Override
    public List<Variable<TFloat32>> trainableVariables() {
      return List.of();
    }

    @Override
    public BatchSource batches() {
      throw new UnsupportedOperationException("the starting point is not trained");
    }

    @Override
    public Operand<TFloat32> scores(Operand<TInt32> users) {
      return scoring.apply(users);
    }
  }
}
