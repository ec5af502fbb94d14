package org.ddrm.baselines.recommender;

import java.util.List;
import java.util.Locale;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;

/**
 * EASE (Steck 2019): a linear item-item model with zero diagonal in closed form, one pass. Its
 * dense [items, items] matrices bound the item count: {@code ease.max_items} (default 10,000,
 * about 3 GiB at the peak) refuses larger data sets with a clear error instead of exhausting memory.
 */
public final class EaseProvider implements RecommenderProvider {
  private static final String NAME = "ease";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<Double> LAMBDA = KEYS.add(Setting.number(new SettingSpec(
      "lambda", "250", "L2 weight added to the diagonal of X^T X").positive()));
  private static final Setting<Integer> MAX_ITEMS = KEYS.add(Setting.integer(new SettingSpec(
      "max_items", "10000", "largest item count the closed form is tried for (its peak holds"
          + " about items^2 x " + Ease.BYTES_PER_ENTRY + " bytes)").atLeast(1)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "embarrassingly shallow autoencoder, closed form (Steck 2019), one pass";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    double lambda = LAMBDA.read(NAME, settings);
    int maxItems = MAX_ITEMS.read(NAME, settings);
    int items = graph.dataset().numItems();
    if (items > maxItems) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the train data has %,d"
          + " items, above %s = %,d; EASE's closed form would hold about %.1f GiB of dense"
          + " item-item matrices (raise %s if the machine has it, or use itemknn)",
          name(), items, MAX_ITEMS.fullKey(NAME), maxItems,
          Ease.peakBytes(items) / (double) (1L << 30), MAX_ITEMS.fullKey(NAME)));
    }
    return new ItemToItemModel(graph, name(),
        Ease.weights(graph.tf().withSubScope(name()), graph.dataset().trainMatrix(), lambda));
  }
}
