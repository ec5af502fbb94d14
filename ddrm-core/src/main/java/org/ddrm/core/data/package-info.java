/** Data: pair-file, NumPy and MovieLens readers, the natural-noise split, the synthetic generator. */
package org.ddrm.core.data;
