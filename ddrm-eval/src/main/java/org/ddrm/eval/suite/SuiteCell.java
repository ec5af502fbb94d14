package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of a suite: a variant (row at a grid point) with one seed.
 *
 * @param variant the row and grid point
 * @param seed the seed the cell sets, or empty to keep the config's own
 */
public record SuiteCell(SuiteGrid.Variant variant, Optional<Long> seed) {
  /** The cell's run directory under the suite's output directory. */
  public Path directory(Path suiteOut) {
    return suiteOut.resolve("cells").resolve(variant.id())
        .resolve(seed.map(s -> "seed-" + s).orElse("config-seed"));
  }

  /** The overrides applied to the row's config: the variant's, then the seed. */
  public List<String> overrides() {
    List<String> out = new ArrayList<>(variant.overrides());
    seed.ifPresent(s -> out.add("seed=" + s));
    return out;
  }

  /** A short description for progress lines: row, search trial, grid point, seed. */
  public String label() {
    StringBuilder out = new StringBuilder(variant.row().name());
    variant.trial().ifPresent(t -> out.append(" trial ").append(t + 1));
    variant.point().forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
    seed.ifPresent(s -> out.append(" seed=").append(s));
    return out.toString();
  }
}
