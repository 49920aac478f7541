/**
 * Conditions of approval and asks for more time through the pages, in a real browser: a seat
 * holder asks for more time, the requester grants it for that seat; an organization approves with
 * conditions; the request is approved and listed under open conditions; the requester marks the
 * condition met. No serious accessibility violation on the way.
 */
import type { Page } from 'playwright-core';
import { bearer, createBody } from '../support/apiHarness';
import { eventually } from '../support/workflowHarness';
import { shot } from './support/axe';
import { devSignIn, webStackPerFile, WEB_SECRET } from './support/webStack';

const web = webStackPerFile();

async function signedIn(org: string): Promise<Page> {
  const { page } = await web.stack.newPage();
  await devSignIn(page, org, { name: `Staf ${org}` });
  return page;
}

/** Submit the form whose action ends with `action` and wait for the page to come back. */
async function submit(page: Page, action: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.click(`form[action$="${action}"] button[type=submit]`)]);
}

test('ask for more time → granted for the seat; approve with a condition → approved with it open → marked met', async () => {
  const res = await fetch(`${web.stack.baseUrl}/v1/coordination-requests`, {
    method: 'POST',
    headers: { Authorization: await bearer('kpu-sumbawa', { secret: WEB_SECRET }), 'Content-Type': 'application/json' },
    body: JSON.stringify(createBody({ title: 'Pinjam gudang dengan catatan' })),
  });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;

  const pemkab = await signedIn('pemkab-sumbawa');
  await pemkab.goto(`/requests/${id}`);
  await pemkab.fill('#ask-reason', 'Menunggu rapat pimpinan daerah.');
  await submit(pemkab, '/extension-request');
  await pemkab.waitForSelector('#extension-e1 >> text=Menunggu keputusan');
  expect(await pemkab.locator('#ask-reason').count()).toBe(0); // one waiting ask per seat

  const requester = await signedIn('kpu-sumbawa');
  await requester.goto(`/requests/${id}`);
  await shot(requester, 'extension-decide');
  // Declining without a reason comes back with the message at the form.
  await requester.check('#extension-e1 input[name=decision][value=DECLINE]');
  await submit(requester, '/extension-decision');
  await requester.waitForSelector('.extensions .notice-error');
  await requester.check('#extension-e1 input[name=decision][value=GRANT_SEAT]');
  await submit(requester, '/extension-decision');
  await requester.waitForSelector('#extension-e1 >> text=Disetujui');
  expect(await requester.textContent('#extension-e1')).toContain('untuk instansi ini');

  await pemkab.goto(`/requests/${id}`);
  await pemkab.check('input[name=decision][value=APPROVE]');
  await pemkab.fill('#respond-conditions', 'Sertakan surat kuasa pengguna barang\n\nGudang dikosongkan sesudah pemungutan suara');
  await submit(pemkab, '/respond');
  await pemkab.waitForSelector('#condition-c2');

  const bawaslu = await signedIn('bawaslu-sumbawa');
  await bawaslu.goto(`/requests/${id}`);
  await bawaslu.check('input[name=decision][value=APPROVE]');
  await submit(bawaslu, '/respond');
  await bawaslu.waitForSelector('.status-line >> text=Disetujui');

  // Listed among approved requests with open conditions (the list follows the store shortly).
  await eventually(async () => {
    await requester.goto('/requests?openConditions=true');
    expect(await requester.locator(`a[href="/requests/${id}"]`).count()).toBe(1);
  }, 30_000);
  expect(await requester.inputValue('#f-openConditions')).toBe('true');

  await requester.goto(`/requests/${id}`);
  await requester.waitForSelector('.conditions >> text=menunggu catatan persetujuan dipenuhi');
  await shot(requester, 'conditions-open');
  await requester.fill('#met-c1', 'Surat kuasa dikirim lewat SRIKANDI.');
  await submit(requester, '/condition-met');
  await requester.waitForSelector('#condition-c1 >> text=Surat kuasa dikirim lewat SRIKANDI.');
  expect(await requester.textContent('#condition-c1 .badge')).toBe('Dipenuhi');
  expect(await requester.textContent('#condition-c2 .badge')).toBe('Belum dipenuhi');
  // The approver sees it too, without a form of its own.
  await pemkab.goto(`/requests/${id}`);
  expect(await pemkab.textContent('#condition-c1')).toContain('Surat kuasa dikirim lewat SRIKANDI.');
  expect(await pemkab.locator('#met-c2').count()).toBe(0);
});
