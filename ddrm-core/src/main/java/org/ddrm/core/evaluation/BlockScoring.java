package org.ddrm.core.evaluation;

import java.util.Arrays;
import org.ddrm.api.RankingOps;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Scoring by blocks of users for a model whose scores are inner products of two tables
 * ({@link org.ddrm.api.TrainableModel#scoringFactors()}): both tables are computed once per
 * evaluation ({@link #compute}: a graph model's propagation, a denoiser's inference over every
 * user) and fed back, unchanged and uncopied, to every batch, whose scores are then one product of
 * the batch's user rows with the item table, as the model's own scores are.
 *
 * <p>The item table is padded with zero rows to the evaluator's column count (a whole number of
 * top-K chunks); the padded columns are masked like seen items ({@link #withPaddingMasked}).
 */
final class BlockScoring {
  private final Operand<TFloat32> userFactors;
  private final Operand<TFloat32> itemFactors;
  private final Placeholder<TFloat32> userTable;
  private final Placeholder<TFloat32> itemTable;
  private final int numItems;
  private final int columns;

  BlockScoring(Ops eval, UserItemTables factors, int numItems, int columns) {
    this.numItems = numItems;
    this.columns = columns;
    this.userFactors = factors.users();
    this.itemFactors = columns == numItems ? factors.items()
        : eval.pad(factors.items(),
            eval.constant(new int[][] {{0, columns - numItems}, {0, 0}}), eval.constant(0f));
    this.userTable = eval.withName("user_table")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
    this.itemTable = eval.withName("item_table")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
  }

  /** The scores of a batch of users over the (padded) item table, [users, columns]. */
  Operand<TFloat32> scores(Ops eval, Operand<TInt32> users) {
    return RankingOps.innerProductScores(eval, RankingOps.rows(eval, userTable, users), itemTable);
  }

  /** Runs the model's factor tables once. */
  Tables compute(Session session) {
    Result result = session.runner().fetch(userFactors).fetch(itemFactors).run();
    return new Tables(this, result);
  }

  /** {@code pairs} (row, item) plus the padded columns of every row of a batch of {@code rows}. */
  int[] withPaddingMasked(int[] pairs, int rows) {
    int padding = columns - numItems;
    if (padding == 0) {
      return pairs;
    }
    int[] all = Arrays.copyOf(pairs, pairs.length + 2 * rows * padding);
    int n = pairs.length;
    for (int row = 0; row < rows; row++) {
      for (int column = numItems; column < columns; column++) {
        all[n++] = row;
        all[n++] = column;
      }
    }
    return all;
  }

  /** One evaluation's computed tables, fed to each of its batches; closing frees them. */
  static final class Tables implements AutoCloseable {
    private final BlockScoring scoring;
    private final Result result;

    private Tables(BlockScoring scoring, Result result) {
      this.scoring = scoring;
      this.result = result;
    }

    /** No tables: the model scores its batches itself. */
    static Tables none() {
      return new Tables(null, null);
    }

    void feed(Session.Runner runner) {
      if (result != null) {
        runner.feed(scoring.userTable, (TFloat32) result.get(0))
            .feed(scoring.itemTable, (TFloat32) result.get(1));
      }
    }

    @Override
    public void close() {
      if (result != null) {
        result.close();
      }
    }
  }
}
