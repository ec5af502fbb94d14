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
  @Test
  void aBatchSourceSeesTheOutputsItAskedForAfterEachStep() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> doubled = tf.math.mul(x, tf.constant(2f));
      Operand<TFloat32> loss = tf.reduceSum(x, tf.constant(0));
      List<Float> seen = new ArrayList<>();
      BatchSource source = new BatchSource() {
        private float next;

        @Override
        public int batchesPerEpoch() {
          return 2;
        }

        @Override
        public long examplesPerEpoch() {
          return 2;
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
      };
      List<Double> losses = new ArrayList<>();
      TrainingListener recorder = new TrainingListener() {
        @Override
        public void onBatch(String stage, int epoch, int batch, double value) {
          losses.add(value);
        }
      };
      new TrainingLoop(session, "test", loss, tf.noOp(), source, List.of(), List.of(recorder))
          .run(1, epoch -> new SplittableRandom(1));
      assertThat(seen).containsExactly(2f, 4f);
      assertThat(losses).containsExactly(11.0, 12.0);
    }
  }
}
