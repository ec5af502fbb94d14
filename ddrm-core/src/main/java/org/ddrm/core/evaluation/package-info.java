/** Full-ranking evaluation: masked top-K on the graph in user batches, ranking metrics. */
package org.ddrm.core.evaluation;
