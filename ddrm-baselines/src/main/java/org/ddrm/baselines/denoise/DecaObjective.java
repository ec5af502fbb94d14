package org.ddrm.baselines.denoise;

/** Which of DeCA's two objectives a training step minimises. */
enum DecaObjective {
  /** DP at even iterations, DN at odd ones (the authors' iterative routine). */
  ALTERNATE,
  /** Always DP: observed positives may be false, sampled negatives are true negatives. */
  DP,
  /** Always DN: sampled negatives may be false, observed positives are true positives. */
  DN;

  boolean usesDp() {
    return this != DN;
  }

  boolean usesDn() {
    return this != DP;
  }
}
