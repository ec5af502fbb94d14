/**
 * Graph building blocks shared by the graph backends (LightGCN, SGL) and DDRM's propagation of a
 * backend's embeddings: the user-item graph's edges and symmetric normalisation, sparse matrices
 * in the TensorFlow graph (with the {@code SparseTensorDenseMatMul} gradient TensorFlow lacks),
 * and LightGCN propagation with its poolings.
 */
package org.ddrm.api.graph;
