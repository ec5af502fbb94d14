package org.ddrm.baselines.recommender;

import java.util.List;
import java.util.Locale;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.baselines.settings.ProviderSettings;

/**
 * EASE (Steck 2019): a linear item-item model with zero diagonal in closed form, one pass. Its
 * dense [items, items] matrices bound the item count: {@code ease.max_items} (default 10,000,
 * about 3 GiB at the peak) refuses larger data sets with a clear error instead of exhausting memory.
 */
public final class EaseProvider implements RecommenderProvider {
  @Override
  public String name() {
    return "ease";
  }

  @Override
  public String description() {
    return "embarrassingly shallow autoencoder, closed form (Steck 2019), one pass";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("lambda", "250", "L2 weight added to the diagonal of X^T X").positive(),
        new SettingSpec("max_items", "10000", "largest item count the closed form is tried for"
            + " (its peak holds about items^2 x " + Ease.BYTES_PER_ENTRY + " bytes)").atLeast(1));
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    ProviderSettings checks = new ProviderSettings(name(), settings);
    double lambda = checks.positive("lambda");
    int maxItems = checks.positiveInt("max_items");
    int items = graph.dataset().numItems();
    if (items > maxItems) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the train data has %,d"
          + " items, above %s = %,d; EASE's closed form would hold about %.1f GiB of dense"
          + " item-item matrices (raise %s if the machine has it, or use itemknn)",
          name(), items, checks.fullKey("max_items"), maxItems,
          Ease.peakBytes(items) / (double) (1L << 30), checks.fullKey("max_items")));
    }
    return new ItemToItemModel(graph, name(),
        Ease.weights(graph.tf().withSubScope(name()), graph.dataset().trainMatrix(), lambda));
  }
}
