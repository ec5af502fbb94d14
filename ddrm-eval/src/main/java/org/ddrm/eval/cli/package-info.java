/** The {@code ddrm} command line. */
package org.ddrm.eval.cli;
