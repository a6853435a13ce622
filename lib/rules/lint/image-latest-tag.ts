/**
 * `:latest` (or no tag, which means latest) is a moving target: two nodes can run different code under one
 * spec, a rollback redeploys whatever latest is today, and the default pull policy becomes Always.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, POD_KINDS } from '../types';
import { podContainers } from './objects';

const ID = 'image-latest-tag';

/** The tag of an image reference, '' when there is none, undefined when it is pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  // A ':' before the last '/' belongs to a registry port (registry:5000/app), not to a tag.
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 ? '' : last.slice(colon + 1);
}

export const imageLatestTagRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  kinds: POD_KINDS,
  description: 'Container images are pinned to a version tag or a digest, not to :latest or no tag.',
  check(obj, path): Issue[] {
    const issues: Issue[] = [];
    for (const x of podContainers(obj)) {
      const { c, name } = x;
      if (typeof c.image !== 'string' || c.image === '') continue;
      const tag = imageTag(c.image);
      if (tag !== '' && tag !== 'latest') continue;
      issues.push({
        ruleId: ID, severity: 'warning', constructPath: path, jsonPointer: `${x.pointer}/image`,
        message: `container "${name}" uses image "${c.image}" ${tag === '' ? 'with no tag (Kubernetes pulls :latest)' : 'tagged :latest'}; allowed: a version tag or a digest`,
        fix: `pin the image, e.g. "${c.image.replace(/:latest$/, '')}:1.2.3" or "...@sha256:<digest>"`,
      });
    }
    return issues;
  },
};
