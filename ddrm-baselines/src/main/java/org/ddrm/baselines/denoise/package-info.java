/**
 * Model-agnostic denoising baselines as denoiser providers: T-CE and R-CE (Wang et al. 2021)
 * and DeCA (Wang et al. 2022). They train together with any backend in one stage and score by
 * the backend's inner products. Not exported.
 */
package org.ddrm.baselines.denoise;
