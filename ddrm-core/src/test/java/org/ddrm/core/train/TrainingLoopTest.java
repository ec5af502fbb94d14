package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ddrm.api.BatchSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class TrainingLoopTest {
  /** Feeds x = [n, 10] at the n-th step; asks to see 2x after each step. */
  private static final class CountingSource implements BatchSource {
    private final Placeholder<TFloat32> x;
    private final Operand<TFloat32> doubled;
    private final int batches;
    private final List<Float> seen = new ArrayList<>();
    private float next;

    CountingSource(Ops tf, int batches) {
      this.x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      this.doubled = tf.math.mul(x, tf.constant(2f));
      this.batches = batches;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public long examplesPerEpoch() {
      return batches;
    }

    @Override
    public void startEpoch(RandomGenerator random) {}

    @Override
    public AutoCloseable feedNext(Session.Runner runner) {
      TFloat32 value = TFloat32.vectorOf(++next, 10f);
      runner.feed(x, value);
      return value::close;
    }

    @Override
    public List<Operand<?>> stepOutputs() {
      return List.of(doubled);
    }

    @Override
    public void afterStep(List<Tensor> outputs) {
      seen.add(((TFloat32) outputs.get(0)).getFloat(0));
    }
  }

  @Test
  void aBatchSourceSeesTheOutputsItAskedForAfterEachStep() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      CountingSource source = new CountingSource(tf, 2);
      Operand<TFloat32> loss = tf.reduceSum(source.x, tf.constant(0));
      List<Double> losses = new ArrayList<>();
      TrainingListener recorder = new TrainingListener() {
        @Override
        public void onBatch(String stage, int epoch, int batch, double value) {
          losses.add(value);
        }
      };
      new TrainingLoop(session, "test", loss, tf.noOp(), source, List.of(), List.of(recorder))
          .run(1, epoch -> new SplittableRandom(1));
      assertThat(source.seen).containsExactly(2f, 4f);
      assertThat(losses).containsExactly(11.0, 12.0);
    }
  }

  @Test
  void aProfiledLoopTracesTheChosenStepsOfEveryEpochByOpType() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      CountingSource source = new CountingSource(tf, 5);
      Operand<TFloat32> loss = tf.reduceSum(tf.math.square(source.x), tf.constant(0));
      OpProfile profile = new OpProfile(3);
      new TrainingLoop(session, "test", loss, tf.noOp(), source, List.of(), List.of())
          .profiledBy(profile)
          .run(2, epoch -> new SplittableRandom(1));
      assertThat(profile.steps()).isEqualTo(2 * 3);
      assertThat(profile.byTime()).extracting(OpProfile.OpTime::type)
          .contains("Square", "Sum", "Mul");
      assertThat(profile.byTime()).allSatisfy(op -> assertThat(op.executions()).isPositive());
      assertThat(profile.nodesByTime()).extracting(OpProfile.OpTime::type)
          .anySatisfy(node -> assertThat(node).endsWith(" (Square)"));
      assertThat(profile.nodesByTime()).extracting(OpProfile.OpTime::executions).contains(6L);
      assertThat(source.seen).hasSize(10);
      assertThat((Integer) profile.toJson().get("traced_steps")).isEqualTo(6);
    }
  }

  @Test
  void aCutLoopRunsTheFirstStepsOfEachEpochAndAveragesTheirLoss() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      CountingSource source = new CountingSource(tf, 1000);
      Operand<TFloat32> loss = tf.reduceSum(source.x, tf.constant(0));
      List<EpochReport> reports = new ArrayList<>();
      List<Integer> announced = new ArrayList<>();
      TrainingListener recorder = new TrainingListener() {
        @Override
        public void onEpochStart(String stage, int epoch, int batches) {
          announced.add(batches);
        }

        @Override
        public EpochReport onEpochEnd(EpochReport report) {
          reports.add(report);
          return report;
        }
      };
      new TrainingLoop(session, "test", loss, tf.noOp(), source, List.of(), List.of(recorder))
          .cutAfter(4)
          .run(2, epoch -> new SplittableRandom(1));
      assertThat(source.seen).hasSize(8);
      assertThat(announced).containsExactly(4, 4);
      // steps 1..4 feed x = [n, 10]: losses 11..14, mean 12.5; then 15..18
      assertThat(reports).extracting(EpochReport::meanLoss).containsExactly(12.5, 16.5);
      assertThat(reports).allSatisfy(r -> assertThat(r.seconds()).isPositive());
    }
  }
}
