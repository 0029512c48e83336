package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodeStatus;

/**
 * One line of the node tree.
 *
 * @param prefix the tree glyphs before the node's symbol
 * @param node   the node shown
 */
record TreeRow(String prefix, NodeStatus node) {
}
