/** Training: graph and session lifecycle, samplers, the optimiser and the listener-driven loop. */
package org.ddrm.core.train;
