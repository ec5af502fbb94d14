/**
 * LightGCN's exported API, on which the SGL backend builds: the encoder (layer-0 embeddings
 * propagated over a normalised adjacency) and the backend that trains it with BPR.
 */
package org.ddrm.backend.lightgcn;
