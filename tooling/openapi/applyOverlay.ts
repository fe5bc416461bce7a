// Applies an OpenAPI Overlay 1.0 document to a spec: each action's JSONPath (RFC 9535, json-p3)
// selects nodes; `remove: true` deletes them, `update` merges into objects (recursively) or is
// appended to arrays. An action whose target matches nothing throws: a fix that no longer finds its
// defect (because upstream changed) must be noticed, not silently skipped.
import { jsonpath } from 'json-p3';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One overlay action, as written in the overlay's `actions` list. */
export interface OverlayAction {
  target: string;
  description?: string;
  update?: Json;
  remove?: boolean;
}

/** The parts of an overlay document the applier reads. */
export interface OverlayDocument {
  overlay: string;
  actions: OverlayAction[];
}

/** Thrown when an action is malformed or its target selects no node. */
export class OverlayError extends Error {
  override name = 'OverlayError';
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge(target: { [key: string]: Json }, update: { [key: string]: Json }): void {
  for (const [key, value] of Object.entries(update)) {
    const current = target[key];
    if (isObject(current) && isObject(value)) merge(current, value);
    else target[key] = structuredClone(value);
  }
}

function parentOf(root: Json, location: Array<string | number>): Json {
  let node = root;
  for (const part of location.slice(0, -1))
    node = (node as Record<string | number, Json>)[part] as Json;
  return node;
}

/**
 * Applies `overlay` to `spec` in place and returns it.
 *
 * @throws OverlayError naming the action (by index and target) that matched nothing.
 * @example
 * applyOverlay(spec, { overlay: '1.0.0', actions: [{ target: '$.info', update: { title: 'x' } }] });
 */
export function applyOverlay<Spec extends object>(spec: Spec, overlay: OverlayDocument): Spec {
  if (!/^1\.\d+\.\d+$/.test(String(overlay.overlay))) {
    throw new OverlayError(`Unsupported overlay version ${overlay.overlay}: expected 1.x.y.`);
  }
  overlay.actions.forEach((action, index) => {
    const label = `Overlay action ${index} (${action.target})`;
    if (action.update === undefined && action.remove !== true) {
      throw new OverlayError(`${label} has neither \`update\` nor \`remove: true\`.`);
    }
    const nodes = jsonpath.query(action.target, spec as Json).nodes;
    if (nodes.length === 0) {
      throw new OverlayError(`${label} matched nothing: fix the target or drop the action.`);
    }
    // Deepest and last first, so removing one array element does not shift the next one's index.
    for (const node of [...nodes].reverse()) {
      if (action.remove === true) {
        const parent = parentOf(spec as Json, node.location);
        const key = node.location.at(-1);
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else if (isObject(parent) && key !== undefined) delete parent[key];
        else throw new OverlayError(`${label} cannot remove the document root.`);
      } else if (Array.isArray(node.value)) {
        node.value.push(structuredClone(action.update as Json));
      } else if (isObject(node.value) && isObject(action.update)) {
        merge(node.value, action.update);
      } else {
        throw new OverlayError(
          `${label} selects a ${typeof node.value}; \`update\` needs an object or array.`,
        );
      }
    }
  });
  return spec;
}
