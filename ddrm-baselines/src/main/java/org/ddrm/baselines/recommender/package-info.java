/**
 * Stand-alone recommenders over users' interaction vectors: CDAE, MultiVAE and DiffRec. Each
 * trains on whole users (a {@link org.ddrm.api.UserBatchSampler} feeds their dense train rows one
 * batch at a time) and scores a user from their train row. Not exported: the providers are found
 * through {@link java.util.ServiceLoader}.
 */
package org.ddrm.baselines.recommender;
