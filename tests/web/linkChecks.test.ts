/**
 * What an email link reaches, checked at use time, in a real browser on the whole stack (links
 * from the mails the real notification activity sent to the loopback SMTP server): once the
 * request closed, every route of it answers a link session 410 (the page, its live fragment, its
 * attachments); an address removed from the directory opens nothing through its old link; and the
 * address an answer came through is shown in full to the requester only, masked to other readers.
 */
import request from 'supertest';
import { EmailLinks } from '../../src/links/emailLinks';
import { bearer, createBody } from '../support/apiHarness';
import { tinyPdf } from '../support/attachmentFixtures';
import { devSignIn, linkIn, mailTo, openLink, WEB_SECRET, webStackPerFile } from './support/webStack';

const web = webStackPerFile();

const PEMKAB = 'kesbangpol@pemkab-sumbawa.example';
const MASKED = 'k***@pemkab-sumbawa.example';
const auth = (org: string) => bearer(org, { secret: WEB_SECRET });

/** kpu-sumbawa asks pemkab-sumbawa alone (tembusan kpu-ntb), with a PDF attached; the participant's and the tembusan's links. */
async function newRequest(): Promise<{ id: string; attachmentId: string; link: string; ccLink: string }> {
  const { stack } = web;
  const up = await request(stack.app).post('/v1/attachments').set('Authorization', await auth('kpu-sumbawa')).attach('file', tinyPdf(), { filename: 'undangan.pdf', contentType: 'application/pdf' });
  expect(up.status).toBe(201);
  const attachmentId = up.body.attachments[0].id as string;
  const res = await request(stack.app)
    .post('/v1/coordination-requests')
    .set('Authorization', await auth('kpu-sumbawa'))
    .send(createBody({ attachments: [attachmentId], steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }));
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const link = linkIn(await mailTo(stack.smtp, PEMKAB, new RegExp(id)), stack.baseUrl);
  const ccLink = linkIn(await mailTo(stack.smtp, 'sekretariat@kpu-ntb.example', new RegExp(`Tembusan.*${id}`)), stack.baseUrl);
  return { id, attachmentId, link, ccLink };
}

test('after the request closes, a link session gets 410 on the page, its live fragment and its attachments; the answer’s address is full for the requester only', async () => {
  const { stack } = web;
  const { id, attachmentId, link, ccLink } = await newRequest();
  const attachment = `/requests/${id}/attachments/${attachmentId}`;
  const tembusan = await stack.newPage();
  await openLink(tembusan.page, ccLink);
  expect((await tembusan.context.request.get(`/requests/${id}/live`)).status()).toBe(200);
  expect((await tembusan.context.request.get(attachment)).status()).toBe(200);

  // The participant approves through its link: the request closes.
  const participant = await stack.newPage();
  await openLink(participant.page, link);
  await participant.page.check('input[name=decision][value=APPROVE]');
  await Promise.all([participant.page.waitForURL(`**/requests/${id}`), participant.page.click('form[action$="/respond"] button[type=submit]')]);
  expect(await participant.page.textContent('main')).toContain('sudah ditutup');

  for (const s of [participant, tembusan]) {
    for (const path of [`/requests/${id}`, `/requests/${id}/live`, attachment]) {
      const res = await s.context.request.get(path, { maxRedirects: 0 });
      expect([path, res.status()]).toEqual([path, 410]);
      expect(await res.text()).toContain('sudah ditutup');
    }
  }

  // The requester sees the full address, on the page and in the API.
  const requester = await stack.newPage();
  await devSignIn(requester.page, 'kpu-sumbawa', { next: `/requests/${id}` });
  expect(await requester.page.textContent('.timeline')).toContain(`lewat tautan email yang dikirim ke ${PEMKAB}`);
  const full = await request(stack.app).get(`/v1/coordination-requests/${id}/timeline`).set('Authorization', await auth('kpu-sumbawa'));
  expect(full.body.events.find((e: { kind: string }) => e.kind === 'APPROVED')).toMatchObject({ actor: { sub: `email:${PEMKAB}`, org: 'pemkab-sumbawa' }, data: { address: PEMKAB } });

  // The tembusan (and the supervisor above the requester) see the organization and a masked address.
  const cc = await stack.newPage();
  await devSignIn(cc.page, 'kpu-ntb', { next: `/requests/${id}` });
  const line = await cc.page.textContent('.timeline');
  expect(line).toContain(`lewat tautan email yang dikirim ke ${MASKED}`);
  expect(line).toContain('Pemerintah Kabupaten Sumbawa');
  expect(await cc.page.content()).not.toContain(PEMKAB);
  for (const org of ['kpu-ntb', 'kpu-ri']) {
    const timeline = await request(stack.app).get(`/v1/coordination-requests/${id}/timeline`).set('Authorization', await auth(org));
    const state = await request(stack.app).get(`/v1/coordination-requests/${id}`).set('Authorization', await auth(org));
    expect(JSON.stringify([timeline.body, state.body])).not.toContain(PEMKAB);
    expect(timeline.body.events.find((e: { kind: string }) => e.kind === 'APPROVED')).toMatchObject({ actor: { sub: `email:${MASKED}`, org: 'pemkab-sumbawa' }, data: { address: MASKED } });
    expect(state.body.steps[0].participants[0].respondedBy).toBe(`email:${MASKED}`);
  }
  // The answering organization's staff are not the requester either.
  const own = await request(stack.app).get(`/v1/coordination-requests/${id}`).set('Authorization', await auth('pemkab-sumbawa'));
  expect(own.body.steps[0].participants[0].respondedBy).toBe(`email:${MASKED}`);
  for (const p of [tembusan, participant, requester, cc]) await p.context.close();
});

test('a link to an address since removed from the directory opens nothing: 403 at /link, and no grant for the page', async () => {
  const { stack } = web;
  const { id } = await newRequest();
  // Minted while `mantan@…` was a contact of pemkab-sumbawa; the directory no longer lists it.
  const token = await new EmailLinks(WEB_SECRET, 3600).mint({ requestId: id, org: 'pemkab-sumbawa', address: 'mantan@pemkab-sumbawa.example', mode: 'answer', revision: 1 });
  const { context, page } = await stack.newPage();
  const res = await page.goto(`/link?t=${token}`);
  expect(res?.status()).toBe(403);
  expect(await page.textContent('main')).toContain('tidak valid');
  await page.goto(`/requests/${id}`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  // The same link to a current address works (the check is the address, not the token).
  const current = await new EmailLinks(WEB_SECRET, 3600).mint({ requestId: id, org: 'pemkab-sumbawa', address: PEMKAB.toUpperCase(), mode: 'answer', revision: 1 });
  await openLink(page, `/link?t=${current}`);
  expect(new URL(page.url()).pathname).toBe(`/requests/${id}`);
  expect(await page.locator('form[action$="/respond"]').count()).toBe(1);
  await context.close();
});
