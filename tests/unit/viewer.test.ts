/** Who sees a request page and as what: the API's read rule, plus the link's standing and the operator's setting. */
import path from 'node:path';
import { loadDirectory } from '../../src/directory/directory';
import type { CoordinationState } from '../../src/domain/types';
import type { LinkGrant } from '../../src/links/emailLinks';
import { availableActions, viewerFor } from '../../src/web/viewer';

const directory = loadDirectory(path.resolve(__dirname, '..', '..', 'config', 'organizations.json'));
const id = 'rq-0123456789abcdef0123456789abcdef';
const state = {
  id,
  requester: 'kpu-sumbawa',
  tembusan: ['kpu-ntb'],
  status: 'IN_PROGRESS',
  revision: 1,
  currentStep: 0,
  closedAt: null,
  steps: [{ index: 0, status: 'ACTIVE', participants: [{ org: 'pemkab-sumbawa', status: 'PENDING', delegatedFrom: [] }] }],
} as unknown as CoordinationState;
const link: LinkGrant = { requestId: id, org: 'pemkab-sumbawa', address: 'Kesbangpol@pemkab-sumbawa.example', mode: 'answer', revision: 1, exp: 0 };
const user = (org: string) => ({ sub: `u@${org}`, org, roles: ['staff'], name: org });

test.each([
  ['requester', { user: user('kpu-sumbawa') }, 'on', 'user', { revise: false, extend: true, cancel: true, respond: false }],
  ['participant', { user: user('pemkab-sumbawa') }, 'on', 'user', { revise: false, extend: false, cancel: false, respond: true }],
  ['supervisor of the requester', { user: user('kpu-ri') }, 'on', 'user', { revise: false, extend: false, cancel: false, respond: false }],
  ['outsider', { user: user('kpu-sulbar') }, 'on', null, null],
  ['answer link', { link }, 'on', 'link', { revise: false, extend: false, cancel: false, respond: true }],
  ['answer link, operator chose view-only', { link }, 'view-only', 'link', { revise: false, extend: false, cancel: false, respond: false }],
  ['answer link, operator turned links off', { link }, 'off', null, null],
  ['link of another request', { link: { ...link, requestId: 'rq-ffffffffffffffffffffffffffffffff' } }, 'on', null, null],
  ['answer link to an address since removed from the directory', { link: { ...link, address: 'mantan@pemkab-sumbawa.example' } }, 'on', null, null],
  ['answer link to an address of another organization', { link: { ...link, address: 'sekretariat@kpu-ntb.example' } }, 'on', null, null],
  ['outsider with an answer link', { user: user('kpu-sulbar'), link }, 'on', 'link', { revise: false, extend: false, cancel: false, respond: true }],
] as const)('%s', (_name, session, setting, kind, actions) => {
  const viewer = viewerFor(state, session, directory, setting);
  expect(viewer?.kind ?? null).toBe(kind);
  if (!viewer || !actions) return;
  const a = availableActions(viewer, state, directory);
  expect({ revise: a.revise, extend: a.extend, cancel: a.cancel, respond: a.respond !== undefined }).toEqual(actions);
});
