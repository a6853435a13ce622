/** The synth-time rule set. Each rule lives in its own file; this only lists and runs them. */
import { Issue } from '../util/errors';
import { containersRule } from './containers';
import { duplicateObjectRule } from './duplicate-object';
import { objectMetadataRule } from './object-metadata';
import { selectorMatchRule } from './selector-match';
import { Located, ObjectRule, SetRule } from './types';

export const OBJECT_RULES: readonly ObjectRule[] = [objectMetadataRule, selectorMatchRule, containersRule];
export const SET_RULES: readonly SetRule[] = [duplicateObjectRule];

export function runObjectRules(obj: Record<string, any>, path: string): Issue[] {
  const out: Issue[] = [];
  for (const r of OBJECT_RULES) {
    const found = r.check(obj, path);
    if (found.length) out.push(...found);
  }
  return out;
}

export function runSetRules(objects: readonly Located[]): Issue[] {
  return SET_RULES.flatMap((r) => r.check(objects));
}

export type { Located, ObjectRule, SetRule } from './types';
