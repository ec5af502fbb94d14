/** Settings: properties files with includes, overrides, validation against declared keys. */
package org.ddrm.core.config;
