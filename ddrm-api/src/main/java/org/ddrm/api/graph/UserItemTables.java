package org.ddrm.api.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A user table and an item table of one embedding width, as graph operands.
 *
 * @param users shape [numUsers, dim]
 * @param items shape [numItems, dim]
 */
public record UserItemTables(Operand<TFloat32> users, Operand<TFloat32> items) {}
