/**
 * Launchers of a suite's cells beyond one process: a local pool of worker processes, a Slurm job
 * array, a Kubernetes Indexed Job. Each starts plain {@code ddrm suite} runners, which share the
 * work through the cells' claims.
 */
package org.ddrm.eval.launch;
