/** Experiment runs: composition of providers, run directories, provenance, benchmarks. */
package org.ddrm.eval.run;
