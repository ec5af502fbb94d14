/** SGL backend: graph augmentation and InfoNCE on LightGCN propagation. Providers follow. */
package org.ddrm.backend.sgl;
