/**
 * The {@code ddrm} denoiser: DDRM's noise schedule, step embedding, conditional denoising
 * networks, optional LightGCN propagation of the backend's embeddings, training loss and
 * ideal-item inference. Not exported; found through {@link org.ddrm.core.ddrm.DdrmDenoiserProvider}.
 */
package org.ddrm.core.ddrm;
