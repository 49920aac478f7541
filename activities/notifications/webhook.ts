/**
 * Signed webhooks (docs/ARCHITECTURE.md#notifications): POST JSON with
 *   X-Koordinasi-Timestamp: unix seconds
 *   X-Koordinasi-Signature: sha256=<hex HMAC-SHA256 over `${timestamp}.${body}` with the org's secret>
 *   Idempotency-Key:        the message's stable key (same on every retry)
 *
 * 2xx → delivered; 408, 429, 5xx and network errors → thrown as plain errors (Temporal retries
 * with backoff); any other status → non-retryable `PermanentDeliveryFailure`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { PERMANENT_DELIVERY_FAILURE } from '../../src/domain/failures';

export const SIGNATURE_HEADER = 'X-Koordinasi-Signature';
export const TIMESTAMP_HEADER = 'X-Koordinasi-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export { PERMANENT_DELIVERY_FAILURE };

/** `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export interface VerifyOptions {
  /** Reject timestamps further than this from `nowSeconds` (replay protection). Default 300; Infinity disables. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/**
 * For receivers: true when `signature` (the X-Koordinasi-Signature header) matches the raw `body`
 * and `timestamp` (the X-Koordinasi-Timestamp header) under `secret`, compared in constant time,
 * and the timestamp is recent. Verify over the raw body bytes as received, before parsing JSON.
 */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string | Buffer, signature: string, options: VerifyOptions = {}): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Number.isFinite(tolerance) && Math.abs(now - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, typeof body === 'string' ? body : body.toString('utf8')), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookRequest {
  url: string;
  secret: string;
  idempotencyKey: string;
  body: string;
  timeoutMs: number;
  /** Activity cancellation, if any. */
  signal?: AbortSignal;
}

export interface WebhookOutcome {
  status: number;
}

function origin(url: string): string {
  try {
    return new URL(url).origin; // never log paths or query strings: they may carry tokens
  } catch {
    return '(invalid url)';
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export async function postWebhook(req: WebhookRequest): Promise<WebhookOutcome> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const where = origin(req.url);
  const signals = [AbortSignal.timeout(req.timeoutMs), ...(req.signal ? [req.signal] : [])];
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Koordinasi-Webhook/1',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(req.secret, timestamp, req.body),
        [IDEMPOTENCY_HEADER]: req.idempotencyKey,
      },
      body: req.body,
      signal: AbortSignal.any(signals),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).name ?? String(err);
    throw new Error(`webhook ${where} unreachable: ${why}`);
  }
  // Drain the body so the connection can be reused; its content is not needed.
  await res.arrayBuffer().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { status: res.status };
  if (isRetryableStatus(res.status)) throw new Error(`webhook ${where} answered ${res.status}`);
  throw ApplicationFailure.nonRetryable(`webhook ${where} answered ${res.status}`, PERMANENT_DELIVERY_FAILURE);
}
