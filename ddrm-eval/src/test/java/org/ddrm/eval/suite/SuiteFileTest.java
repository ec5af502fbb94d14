package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ddrm.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading suite files and expanding them into cells. */
class SuiteFileTest {
  @TempDir Path dir;

  private SuiteFile suite(String text) throws Exception {
    Path file = dir.resolve("s.properties");
    Files.writeString(file, text);
    return SuiteFile.load(file);
  }

  @Test
  void theGridIsRowsTimesPointsTimesSeedsInFileOrder() throws Exception {
    SuiteFile suite = suite("""
        suite.seeds = 1, 2
        suite.baseline = mf
        set.train.epochs = 5
        sweep.data.synthetic.noise_ratio = 0.1, 0.2
        row.mf.config = configs/mf.properties
        row.ddrm.config = configs/ddrm.properties
        row.ddrm.set.denoise.epochs = 3
        row.ddrm.sweep.ddrm.steps = 5, 10, 20
        """);
    assertThat(suite.name()).isEqualTo("s");
    assertThat(suite.rows()).extracting(SuiteFile.Row::name).containsExactly("mf", "ddrm");
    assertThat(suite.rows().get(0).config()).isEqualTo(dir.resolve("configs/mf.properties"));
    List<SuiteCell> cells = SuiteGrid.cells(suite, dir);
    // mf: 2 ratios x 2 seeds; ddrm: 2 ratios x 3 steps x 2 seeds.
    assertThat(cells).hasSize(4 + 12);
    assertThat(SuiteGrid.variants(suite, dir)).hasSize(2 + 6);
    SuiteCell first = cells.get(0);
    assertThat(first.overrides())
        .containsExactly("train.epochs=5", "data.synthetic.noise_ratio=0.1", "seed=1");
    SuiteCell ddrm = cells.get(4);
    assertThat(ddrm.overrides()).containsExactly("train.epochs=5", "denoise.epochs=3",
        "data.synthetic.noise_ratio=0.1", "ddrm.steps=5", "seed=1");
    assertThat(ddrm.directory(dir)).isEqualTo(
        dir.resolve("cells/ddrm_data.synthetic.noise_ratio=0.1_ddrm.steps=5/seed-1"));
    assertThat(cells.get(5).seed()).isEqualTo(Optional.of(2L));
    assertThat(cells.get(6).variant().point()).containsEntry("ddrm.steps", "10");
  }

  @Test
  void oneAxisCanSetSeveralKeysAndARowCanNameItsOwnBaseline() throws Exception {
    SuiteFile suite = suite("""
        suite.baseline = mf
        row.mf.config = mf.properties
        row.sgl.config = sgl.properties
        row.sgl-ddrm.config = sgl-ddrm.properties
        row.sgl-ddrm.baseline = sgl
        row.sgl-ddrm.sweep.ddrm.steps+ddrm.inference_steps = 10, 20
        """);
    List<SuiteCell> cells = SuiteGrid.cells(suite, dir);
    assertThat(cells).hasSize(4);
    assertThat(cells.get(3).overrides()).containsExactly("ddrm.steps=20", "ddrm.inference_steps=20");
    assertThat(suite.rows().get(0).testedAgainst(suite)).isEmpty();
    assertThat(suite.rows().get(1).testedAgainst(suite)).contains("mf");
    assertThat(suite.rows().get(2).testedAgainst(suite)).contains("sgl");
  }

  @Test
  void aRowNamesFurtherBaselinesAfterTheMarkedOne() throws Exception {
    SuiteFile suite = suite("""
        suite.baseline = mf
        row.mf.config = mf.properties
        row.mf-start.config = mf-start.properties
        row.mf-ddrm.config = mf-ddrm.properties
        row.mf-ddrm.baseline = mf, mf-start
        """);
    assertThat(suite.rows().get(2).testedAgainst(suite)).contains("mf");
    assertThat(suite.rows().get(2).furtherBaselines()).containsExactly("mf-start");
    assertThat(suite.rows().get(1).furtherBaselines()).isEmpty();
    assertThatThrownBy(() -> suite("""
        row.mf.config = mf.properties
        row.mf-ddrm.config = mf-ddrm.properties
        row.mf-ddrm.baseline = mf, start
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("row.mf-ddrm.baseline names 'start', which is not a row");
  }

  @Test
  void withoutSeedsEachCellKeepsItsConfigsSeed() throws Exception {
    List<SuiteCell> cells = SuiteGrid.cells(suite("row.a.config = a.properties\n"), dir);
    assertThat(cells).hasSize(1);
    assertThat(cells.get(0).overrides()).isEmpty();
    assertThat(cells.get(0).directory(dir)).isEqualTo(dir.resolve("cells/a/config-seed"));
  }

  @Test
  void aSuiteNarrowedToSomeRowsKeepsTheirCellsAndRefusesUnknownRows() throws Exception {
    SuiteFile suite = suite("""
        suite.seeds = 1
        row.a.config = a.properties
        row.b.config = b.properties
        row.c.config = c.properties
        """);
    SuiteFile narrowed = suite.withOnlyRows(List.of("c", "a"));
    assertThat(narrowed.rows()).extracting(SuiteFile.Row::name).containsExactly("a", "c");
    assertThat(SuiteGrid.cells(narrowed, dir).get(1).directory(dir))
        .isEqualTo(SuiteGrid.cells(suite, dir).get(2).directory(dir));
    assertThatThrownBy(() -> suite.withOnlyRows(List.of("d")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no row 'd' (rows: a, b, c)");
  }

  @Test
  void theSuitesDirectoryIsSuiteOutRelativeToTheFileElseUnderRuns() throws Exception {
    assertThat(suite("suite.name = n\nrow.a.config = a.properties\n").directory())
        .isEqualTo(Path.of("runs", "suite-n"));
    assertThat(suite("suite.out = ../results/n\nrow.a.config = a.properties\n").directory())
        .isEqualTo(dir.getParent().resolve("results/n"));
  }

  @Test
  void mistakesNameTheKey() {
    assertThatThrownBy(() -> suite("row.a.config = a.properties\nsuite.seed = 1\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown suite key 'suite.seed'");
    assertThatThrownBy(() -> suite("row.a.config = a.properties\nsuite.baseline = b\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("suite.baseline = 'b'");
    assertThatThrownBy(() -> suite("row.a.set.seed = 3\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("row.a.config");
    assertThatThrownBy(() -> suite("row.a.config = a.properties\nsuite.seeds = one\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("suite.seeds");
  }

  @Test
  void aSuiteFileIsToldFromARunConfig() throws Exception {
    Path config = dir.resolve("run.properties");
    Files.writeString(config, "backend = mf\n");
    Path suite = dir.resolve("suite.properties");
    Files.writeString(suite, "row.a.config = run.properties\n");
    assertThat(SuiteFile.isSuite(config)).isFalse();
    assertThat(SuiteFile.isSuite(suite)).isTrue();
  }

  @Test
  void everyShippedSuiteReads() throws Exception {
    try (var files = Files.list(Path.of("../configs/suites"))) {
      List<Path> suites = files.filter(f -> f.toString().endsWith(".properties")).toList();
      assertThat(suites).hasSizeGreaterThanOrEqualTo(7);
      for (Path file : suites) {
        SuiteFile suite = SuiteFile.load(file);
        assertThat(SuiteGrid.cells(suite, dir)).as(file.toString()).isNotEmpty();
      }
    }
    SuiteFile quick = SuiteFile.load(Path.of("../configs/suites/quick.properties"));
    assertThat(SuiteGrid.cells(quick, dir)).hasSize(4);
    assertThat(quick.rows()).allMatch(r -> Files.isRegularFile(r.config()));
    SuiteFile table2 = SuiteFile.load(Path.of("../configs/suites/table2-ml1m.properties"));
    assertThat(table2.directory()).isEqualTo(Path.of("../results/table2-ml1m").toAbsolutePath()
        .normalize());
  }
}
