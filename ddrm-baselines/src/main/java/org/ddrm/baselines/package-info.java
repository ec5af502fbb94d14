/** Baseline models as providers of the DDRM SPI. Providers follow. */
package org.ddrm.baselines;
