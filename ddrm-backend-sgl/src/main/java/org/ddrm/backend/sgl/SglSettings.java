package org.ddrm.backend.sgl;

import java.util.List;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.ValueRule;
import org.ddrm.backend.lightgcn.LightGcnSettings;

/**
 * The validated settings of the {@code sgl} backend: the LightGCN encoder's keys plus the
 * augmentation and the contrastive loss. Defaults are SGL's reference values on ML-1M.
 */
record SglSettings(LightGcnSettings encoder, Augmentation augmentation, double dropRatio,
    double temperature, double sslWeight, Negatives negatives) {
  static final String NAME = "sgl";

  /** InfoNCE's negatives: the batch's distinct users / items, or every user / item. */
  enum Negatives { BATCH, ALL }

  static final SettingSet KEYS = new SettingSet().addAll(LightGcnSettings.KEYS);
  static final Setting<Augmentation> AUGMENTATION = KEYS.add(Setting.choice(
      new SettingSpec("augmentation", "edge_drop",
          "how the two views are drawn each epoch: edge_drop, node_drop or random_walk"),
      Augmentation.class));
  static final Setting<Double> DROP_RATIO = KEYS.add(Setting.number(
      new SettingSpec("drop_ratio", "0.1", "share of edges (or nodes) a view drops")
          .withRule(ValueRule.shareBelowOne())));
  static final Setting<Double> TEMPERATURE = KEYS.add(Setting.number(
      new SettingSpec("temperature", "0.2", "InfoNCE temperature").positive()));
  static final Setting<Double> SSL_WEIGHT = KEYS.add(Setting.number(
      new SettingSpec("ssl_weight", "0.1", "weight of the InfoNCE loss against BPR")
          .nonNegative()));
  static final Setting<Negatives> NEGATIVES = KEYS.add(Setting.choice(
      new SettingSpec("negatives", "batch",
          "InfoNCE negatives: batch (the batch's distinct users / items) or all (every user /"
              + " item)"),
      Negatives.class));
  static final List<SettingSpec> SPECS = KEYS.specs();

  static SglSettings from(Settings s) {
    return new SglSettings(LightGcnSettings.from(NAME, s), AUGMENTATION.read(NAME, s),
        DROP_RATIO.read(NAME, s), TEMPERATURE.read(NAME, s), SSL_WEIGHT.read(NAME, s),
        NEGATIVES.read(NAME, s));
  }

  /** Whether InfoNCE contrasts each anchor with every user (item) of the other view. */
  boolean allNegatives() {
    return negatives == Negatives.ALL;
  }
}
