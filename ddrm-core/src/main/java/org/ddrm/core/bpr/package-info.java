/** The {@code none} denoiser: plain BPR on the backend embeddings. Not exported. */
package org.ddrm.core.bpr;
