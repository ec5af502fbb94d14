package org.ddrm.api;

import java.util.List;

/**
 * What every plugin tells the framework about itself. Implementations are cheap to construct:
 * nothing heavy happens until a run asks the provider to build its part of the graph.
 */
public interface Provider {
  /** The unique name used in config files ({@code backend=mf}) and as the settings prefix. */
  String name();

  /** One line for {@code ddrm list}. */
  String description();

  /** Every key the provider reads, relative to {@link #name()}, with its default. */
  List<SettingSpec> settings();
}
