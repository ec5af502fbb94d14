/** The LightGCN provider (not exported). */
package org.ddrm.backend.lightgcn.provider;
