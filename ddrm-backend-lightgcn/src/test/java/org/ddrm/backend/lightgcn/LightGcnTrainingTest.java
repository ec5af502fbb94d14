package org.ddrm.backend.lightgcn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.CurveRecorder;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TrainingLoop;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.train.TfGraphContext;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;

class LightGcnTrainingTest {
  @Test
  void theProviderIsFoundByTheRegistry() {
    ProviderRegistry registry = ProviderRegistry.discover();
    assertThat(registry.backend("lightgcn").description()).contains("LightGCN");
  }

  @Test
  void bprLossFallsOnSyntheticData() {
    Dataset data = new SyntheticDataGenerator(
        SyntheticDataSpec.defaults().withSize(200, 150)).generate();
    ProviderRegistry registry = ProviderRegistry.discover();
    EmbeddingBackendProvider provider = registry.backend("lightgcn");
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : provider.settings()) {
      values.put("lightgcn." + spec.key(), spec.defaultValue());
    }
    values.put("lightgcn.dim", "16");
    values.put("train.batch_size", "256");
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, data, 3);
      EmbeddingPipeline pipeline = EmbeddingPipeline.build(context, MapSettings.of(values),
          provider, registry.denoiser("none"), registry.denoiser("none"));
      TrainableModel model = pipeline.stages().get(0).model();
      Op step = new AdamOptimizer(0.01, false).minimize(graph, context.tf(), "adam", model.loss(),
          model.trainableVariables());
      try (Session session = new Session(graph)) {
        session.initialize();
        CurveRecorder curve = new CurveRecorder();
        SplittableRandom random = new SplittableRandom(1);
        new TrainingLoop(session, "backend", model.loss(), step, model.batches(), context.hooks(),
            List.of(curve)).run(20, epoch -> random);
        List<Double> epochLosses = curve.reports().stream().map(EpochReport::meanLoss).toList();
        assertThat(epochLosses.get(19)).isLessThan(0.75 * epochLosses.get(0));
      }
    }
  }
}
