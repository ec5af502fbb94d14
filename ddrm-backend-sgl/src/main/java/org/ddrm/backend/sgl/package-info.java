/** SGL backend: graph augmentation and InfoNCE on LightGCN propagation (not exported). */
package org.ddrm.backend.sgl;
