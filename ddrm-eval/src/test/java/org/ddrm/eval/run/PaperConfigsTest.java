package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Yelp and Amazon-book paper configs: one per ML-1M row, each resolving to valid settings. */
class PaperConfigsTest {
  private static final ProviderRegistry REGISTRY = ProviderRegistry.discover();

  /**
   * ML-1M rows the larger data sets do not mirror: EASE and ItemKNN hold dense item-by-item
   * matrices (77k or 178k items squared), past what one machine holds.
   */
  private static final List<String> ML1M_ONLY = List.of("mf-ddrm-propagated.properties",
      "ease.properties", "itemknn.properties");

  private static List<String> rows(String folder) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("../configs/paper", folder))) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".properties") && !ML1M_ONLY.contains(n))
          .sorted().toList();
    }
  }

  private static RunConfig load(String folder, String row) {
    return RunConfig.load(Path.of("../configs/paper", folder, row), List.of(), REGISTRY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yelp", "amazon-book"})
  void everyTableTwoRowResolvesAndReadsItsOwnDataSet(String folder) throws Exception {
    assertThat(rows(folder)).isEqualTo(rows("ml-1m"));
    for (String row : rows(folder)) {
      RunConfig config = load(folder, row);
      assertThat(config.settings().getString("data.path")).as(row)
          .isEqualTo("../shared/datasets/" + folder + "-noisy");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yelp", "amazon-book"})
  void ddrmRowsShareStageOneWithTheirBackendRow(String folder) {
    for (String backend : List.of("mf-bpr", "lightgcn", "sgl")) {
      String ddrm = (backend.equals("mf-bpr") ? "mf" : backend) + "-ddrm.properties";
      RunConfig plain = load(folder, backend + ".properties");
      RunConfig withDdrm = load(folder, ddrm);
      Map<String, String> stageOne = withDdrm.settings().asMap();
      plain.settings().asMap().forEach((key, value) -> {
        if (!key.equals("denoiser") && stageOne.containsKey(key)) {
          assertThat(stageOne.get(key)).as(folder + "/" + ddrm + ": " + key).isEqualTo(value);
        }
      });
      assertThat(stageOne).containsKeys("train.lr", "seed", backend.equals("mf-bpr")
          ? "mf.dim" : backend + ".layers");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yelp", "amazon-book"})
  void ddrmRowsCarryTheReferencesPerDataSetValues(String folder) {
    RunConfig mf = load(folder, "mf-ddrm.properties");
    RunConfig lightgcn = load(folder, "lightgcn-ddrm.properties");
    if (folder.equals("yelp")) {
      assertThat(mf.settings().getInt("ddrm.steps")).isEqualTo(50);
      assertThat(mf.settings().getString("ddrm.hidden")).isEqualTo("1000,200,1000");
      assertThat(lightgcn.settings().getInt("ddrm.inference_steps")).isEqualTo(37);
    } else {
      assertThat(mf.settings().getInt("ddrm.steps")).isEqualTo(3);
      assertThat(mf.settings().getInt("ddrm.propagation_layers")).isZero();
      assertThat(lightgcn.settings().getDouble("ddrm.gamma")).isZero();
    }
  }
}
