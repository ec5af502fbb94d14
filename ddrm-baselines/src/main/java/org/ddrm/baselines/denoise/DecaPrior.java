package org.ddrm.baselines.denoise;

/** Where DeCA's prior comes from ({@code deca.prior}). */
enum DecaPrior {
  /** An MF trained with the target and the noise models (DeCA). */
  MF,
  /** The target model after its plain BPR stage, frozen (DeCA-p). */
  PRETRAINED
}
