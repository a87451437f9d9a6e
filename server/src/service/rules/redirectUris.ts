import { newestProfile } from '../../../../common/profiles';
import type { ListRedirectUris } from '../../../../common/profiles/redirectUris';
import { findPair } from '../yamlNodes';
import { listFormFindings } from './redirectUrisList';
import { PROBES_PER_RUN } from './redirectUrisProbes';
import { stringFormFindings } from './redirectUrisString';
import { Rule } from './rule';

/**
 * Which form the file's `redirect_uris` takes. The release's profile decides once it reaches the
 * rules; until then the value's shape does: a list is the list form, anything else the string form.
 */
export function redirectUriFormOfValue(value: unknown): 'string' | 'list' {
  return Array.isArray(value) ? 'list' : 'string';
}

/** The list form's choices when no profile is given: those of the newest bundled release. */
function defaultListForm(): ListRedirectUris {
  const form = newestProfile().redirectUris;
  if (form.kind !== 'list') throw new Error('the newest bundled profile takes redirect_uris as a list');
  return form;
}

export const redirectUrisRule: Rule = {
  id: 'redirectUris',
  check({ text, root, value }) {
    const pair = findPair(root, 'redirect_uris');
    const options = {
      clientType: typeof value.client_type === 'string' ? value.client_type : 'confidential',
      // Shared by every entry of the file: a file of thousands of patterns stays fast.
      budget: { remaining: PROBES_PER_RUN },
    };
    return redirectUriFormOfValue(value.redirect_uris) === 'list'
      ? listFormFindings({ text, pair }, defaultListForm(), options)
      : stringFormFindings({ text, root, pair }, options);
  },
};
