package org.ddrm.core.data;

/**
 * One explicit rating as found in a raw ratings file, with the file's original user and item ids.
 *
 * @param user original user id
 * @param item original item id
 * @param rating the rating value (MovieLens: 1 to 5 stars)
 * @param timestamp seconds since the epoch
 */
public record Rating(long user, long item, double rating, long timestamp) {}
