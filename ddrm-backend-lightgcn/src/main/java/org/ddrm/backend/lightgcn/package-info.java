/** LightGCN backend: its exported API, on which the SGL backend builds. Providers follow. */
package org.ddrm.backend.lightgcn;
