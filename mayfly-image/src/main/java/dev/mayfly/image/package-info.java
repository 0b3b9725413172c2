/**
 * Mayfly's container image: one image, built by Jib (reproducibly: the same jars give the same layers), holding the
 * three services and the operator's commands, the command choosing which runs ({@link dev.mayfly.image.ImageMain}).
 *
 * <p>Owns: what a container of the image does with its command, and the one-shot initialisation of a new
 * installation ({@link dev.mayfly.image.InitCommand}). Never contains the embedded infrastructure.
 */
package dev.mayfly.image;
