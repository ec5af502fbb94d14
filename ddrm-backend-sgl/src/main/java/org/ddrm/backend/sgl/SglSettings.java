package org.ddrm.backend.sgl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.api.Settings;
import org.ddrm.backend.lightgcn.LightGcnSettings;

/**
 * The validated settings of the {@code sgl} backend: the LightGCN encoder's keys plus the
 * augmentation and the contrastive loss. Defaults are SGL's reference values on ML-1M.
 */
record SglSettings(LightGcnSettings encoder, Augmentation augmentation, double dropRatio,
    double temperature, double sslWeight, boolean allNegatives) {
  static final String NAME = "sgl";

  static final List<SettingSpec> SPECS;

  static {
    List<SettingSpec> specs = new ArrayList<>(LightGcnSettings.SPECS);
    specs.add(new SettingSpec("augmentation", "edge_drop",
        "how the two views are drawn each epoch: edge_drop, node_drop or random_walk")
        .oneOf("edge_drop", "node_drop", "random_walk"));
    specs.add(new SettingSpec("drop_ratio", "0.1", "share of edges (or nodes) a view drops")
        .withRule(ValueRule.shareBelowOne()));
    specs.add(new SettingSpec("temperature", "0.2", "InfoNCE temperature").positive());
    specs.add(new SettingSpec("ssl_weight", "0.1", "weight of the InfoNCE loss against BPR")
        .nonNegative());
    specs.add(new SettingSpec("negatives", "batch",
        "InfoNCE negatives: batch (the batch's distinct users / items) or all (every user / item)")
        .oneOf("batch", "all"));
    SPECS = List.copyOf(specs);
  }

  static SglSettings from(Settings s) {
    SglSettings parsed = new SglSettings(LightGcnSettings.from(NAME, s),
        augmentation(s.getString("augmentation")), s.getDouble("drop_ratio"),
        s.getDouble("temperature"), s.getDouble("ssl_weight"), allNegatives(s.getString("negatives")));
    require(parsed.dropRatio >= 0 && parsed.dropRatio < 1, "drop_ratio",
        "must lie in [0, 1), got " + parsed.dropRatio);
    require(parsed.temperature > 0, "temperature", "must be positive, got " + parsed.temperature);
    require(parsed.sslWeight >= 0, "ssl_weight", "must not be negative, got " + parsed.sslWeight);
    return parsed;
  }

  private static boolean allNegatives(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "batch" -> false;
      case "all" -> true;
      default -> throw new IllegalArgumentException(
          NAME + ".negatives: expected one of batch, all, got '" + value + "'");
    };
  }

  private static Augmentation augmentation(String value) {
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (Augmentation a : Augmentation.values()) {
      if (a.name().equals(wanted)) {
        return a;
      }
      names.add(a.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(NAME + ".augmentation: expected one of "
        + String.join(", ", names) + ", got '" + value + "'");
  }

  private static void require(boolean condition, String key, String message) {
    if (!condition) {
      throw new IllegalArgumentException(NAME + "." + key + ": " + message);
    }
  }
}
