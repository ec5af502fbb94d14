/** Provider discovery through {@link java.util.ServiceLoader}, with unique names. */
package org.ddrm.core.plugin;
