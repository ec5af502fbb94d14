package org.ddrm.core.ddrm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.graph.GraphPropagation;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.ddrm.api.graph.Pooling;
import org.ddrm.api.graph.SparseMatMulGradient;
import org.ddrm.api.graph.SparseMatrix;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The "original" user and item embeddings DDRM denoises, conditions on and ranks with: the
 * backend's final tables, or its layer-0 tables ({@code baseEmbeddings}) propagated through
 * {@code propagation_layers} LightGCN layers when asked, plus each user's mean train-item
 * embedding, the starting point of inference.
 *
 * <ul>
 *   <li>Frozen backend, no propagation: the backend's tables behind {@code stopGradient}.
 *   <li>Frozen backend with propagation: the propagated tables are copied into two
 *       non-trainable variables by a {@link TrainingHook} before every epoch, so the training
 *       steps of the denoiser stage do not redo the propagation. Until the first epoch they hold
 *       zeros.
 *   <li>Frozen backend, scored without training ({@code history-mean}): the propagation is
 *       computed live in every use, since no epoch would refresh copies.
 *   <li>Joint training or fine-tuning: the propagation is computed live and the backend trains
 *       through it.
 * </ul>
 */
final class DdrmEmbeddings {
  private final Operand<TFloat32> users;
  private final Operand<TFloat32> items;
  private final SparseMatrix history;

  private DdrmEmbeddings(Operand<TFloat32> users, Operand<TFloat32> items, SparseMatrix history) {
    this.users = users;
    this.items = items;
    this.history = history;
  }

  static DdrmEmbeddings build(ModelGraph graph, Ops tf, EmbeddingBackend backend,
      DdrmSettings settings) {
    return build(graph, tf, backend, settings.propagationLayers(), settings.propagationPooling(),
        settings.trainsBackend() ? Mode.TRAINED : Mode.FROZEN_COPIED);
  }

  /**
   * The tables of a frozen backend, propagated (when {@code layers > 0}) live in every use
   * rather than copied before each epoch: for scorers that never train an epoch.
   */
  static DdrmEmbeddings frozenLive(ModelGraph graph, Ops tf, EmbeddingBackend backend,
      int layers, Pooling pooling) {
    return build(graph, tf, backend, layers, pooling, Mode.FROZEN_LIVE);
  }

  /** How the backend's tables are consumed. */
  private enum Mode { TRAINED, FROZEN_COPIED, FROZEN_LIVE }

  private static DdrmEmbeddings build(ModelGraph graph, Ops tf, EmbeddingBackend backend,
      int layers, Pooling pooling, Mode mode) {
    Ops scope = tf.withSubScope("embeddings");
    SparseMatrix history = SparseMatrix.rowNormalized(scope, graph.dataset().trainMatrix());
    if (layers == 0) {
      return mode == Mode.TRAINED
          ? new DdrmEmbeddings(backend.userEmbeddings(), backend.itemEmbeddings(), history)
          : new DdrmEmbeddings(scope.stopGradient(backend.userEmbeddings()),
              scope.stopGradient(backend.itemEmbeddings()), history);
    }
    NormalizedAdjacency adjacency = NormalizedAdjacency.of(scope, graph.dataset().trainMatrix());
    GraphPropagation propagation = new GraphPropagation(layers, pooling);
    UserItemTables base = backend.baseEmbeddings();
    if (mode == Mode.TRAINED) {
      SparseMatMulGradient.ensureRegistered();
      UserItemTables live = propagation.propagate(scope, adjacency, base);
      return new DdrmEmbeddings(live.users(), live.items(), history);
    }
    UserItemTables live = propagation.propagate(scope, adjacency, new UserItemTables(
        scope.stopGradient(base.users()), scope.stopGradient(base.items())));
    if (mode == Mode.FROZEN_LIVE) {
      return new DdrmEmbeddings(live.users(), live.items(), history);
    }
    int dim = backend.dimension();
    Variable<TFloat32> userCopy = zeros(scope, "propagated_users", graph.dataset().numUsers(), dim);
    Variable<TFloat32> itemCopy = zeros(scope, "propagated_items", graph.dataset().numItems(), dim);
    Op refresh = scope.withControlDependencies(List.of(
            scope.assign(userCopy, live.users()), scope.assign(itemCopy, live.items())))
        .withName("refresh_propagated").noOp();
    graph.addTrainingHook(new TrainingHook() {
      @Override
      public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
        session.run(refresh);
      }
    });
    return new DdrmEmbeddings(scope.identity(userCopy), scope.identity(itemCopy), history);
  }

  private static Variable<TFloat32> zeros(Ops tf, String name, int rows, int dim) {
    return tf.withName(name).variable(tf.zeros(tf.constant(Shape.of(rows, dim)), TFloat32.class));
  }

  /** User table, [numUsers, dim]. */
  Operand<TFloat32> users() {
    return users;
  }

  /** Item table, [numItems, dim]. */
  Operand<TFloat32> items() {
    return items;
  }

  /** The mean train-item embedding of each given user (zero without train items), [B, dim]. */
  Operand<TFloat32> historyMean(Ops tf, Operand<TInt32> userIds) {
    return RankingOps.rows(tf, historyMeans(tf), userIds);
  }

  /** The mean train-item embedding of every user, [numUsers, dim]. */
  Operand<TFloat32> historyMeans(Ops tf) {
    return history.times(tf, items);
  }

  /**
   * DDRM's starting point as a ranking: each given user's mean train-item embedding scored by
   * inner product with the item table, [B, numItems].
   */
  Operand<TFloat32> historyMeanScores(Ops tf, Operand<TInt32> userIds) {
    return RankingOps.innerProductScores(tf, historyMean(tf, userIds), items);
  }
}
