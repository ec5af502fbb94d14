package org.ddrm.core.train;

import org.ddrm.api.TrainableModel;

/**
 * One stage of a run: a model whose variables train together, and the settings prefix of its
 * epochs, batch size and learning rate ({@code train} or {@code denoise}).
 *
 * @param name "backend", "denoiser" or the recommender's name, used in logs and curves
 * @param model what this stage trains and how it scores
 * @param settingsPrefix where its stage settings are read
 */
public record TrainingStage(String name, TrainableModel model, String settingsPrefix) {}
