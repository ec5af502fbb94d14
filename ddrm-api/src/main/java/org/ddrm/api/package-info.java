/**
 * Service-provider interfaces and value types of the DDRM framework.
 *
 * <p>A plugin implements one of {@link org.ddrm.api.EmbeddingBackendProvider},
 * {@link org.ddrm.api.DenoiserProvider} or {@link org.ddrm.api.RecommenderProvider}, declares it
 * with {@code provides} in its {@code module-info.java} and in {@code META-INF/services}, and keeps
 * its implementation package unexported. Providers are light: discovery costs nothing, and the
 * TensorFlow graph is only built when a run asks for it.
 */
package org.ddrm.api;
