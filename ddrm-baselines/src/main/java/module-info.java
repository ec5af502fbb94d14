/**
 * Baselines: model-agnostic denoisers (T-CE, R-CE, DeCA) and stand-alone recommenders (CDAE,
 * MultiVAE, DiffRec, AdaGCL).
 */
module org.ddrm.baselines {
  requires org.ddrm.api;
}
