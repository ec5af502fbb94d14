/**
 * Graph building blocks shared by models in different modules: a seeded dense layer, the
 * "linear-var" diffusion noise schedule and the sinusoidal step embedding (DDRM in core,
 * DiffRec in the baselines).
 */
package org.ddrm.api.nn;
