/**
 * Baselines: model-agnostic denoisers (T-CE, R-CE, DeCA) and stand-alone recommenders (CDAE,
 * MultiVAE, DiffRec, AdaGCL) and the one-pass baselines MostPop, ItemKNN, EASE.
 */
module org.ddrm.baselines {
  requires org.ddrm.api;
  requires org.ddrm.backend.lightgcn;

  provides org.ddrm.api.RecommenderProvider with
      org.ddrm.baselines.recommender.CdaeProvider,
      org.ddrm.baselines.recommender.MultiVaeProvider,
      org.ddrm.baselines.recommender.DiffRecProvider,
      org.ddrm.baselines.recommender.AdaGclProvider,
      org.ddrm.baselines.recommender.MostPopProvider,
      org.ddrm.baselines.recommender.ItemKnnProvider,
      org.ddrm.baselines.recommender.EaseProvider;

  provides org.ddrm.api.DenoiserProvider with
      org.ddrm.baselines.denoise.TruncatedLossProvider,
      org.ddrm.baselines.denoise.ReweightedLossProvider,
      org.ddrm.baselines.denoise.DecaProvider;
}
