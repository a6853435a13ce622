/** What a container effectively requests and limits, as the API server will default it. */
import { isRecord, Json } from './objects';

function resourceValue(c: Json, field: 'requests' | 'limits', resource: string): unknown {
  const r = isRecord(c.resources) ? c.resources[field] : undefined;
  return isRecord(r) ? r[resource] : undefined;
}

function present(v: unknown): boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number';
}

/** A request set explicitly, or copied from the limit (the API server defaults requests to limits). */
export function hasRequest(c: Json, resource: string): boolean {
  return present(resourceValue(c, 'requests', resource)) || present(resourceValue(c, 'limits', resource));
}

export function hasLimit(c: Json, resource: string): boolean {
  return present(resourceValue(c, 'limits', resource));
}
