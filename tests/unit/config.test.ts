/** Environment parsing: defaults that follow other settings, and errors that name the variable. */
import { ConfigError, loadConfig } from '../../src/config';

test('links follow the API port unless PUBLIC_BASE_URL says otherwise', () => {
  expect(loadConfig({ PORT: '3999' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:3999');
  expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:8080');
  expect(loadConfig({ PUBLIC_BASE_URL: 'https://koordinasi.kpu.example' }).PUBLIC_BASE_URL).toBe('https://koordinasi.kpu.example');
});

test('every bad variable is named in one error', () => {
  expect(() => loadConfig({ PORT: 'x', CUTI_BERSAMA: '2026-12-24,24/12/2026', WORKER_METRICS_ADDRESS: 'nine' })).toThrow(ConfigError);
  try {
    loadConfig({ PORT: 'x', CUTI_BERSAMA: '2026-12-24,24/12/2026', WORKER_METRICS_ADDRESS: 'nine' });
  } catch (err) {
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT:/);
    expect(msg).toMatch(/CUTI_BERSAMA\.1: a date YYYY-MM-DD/);
    expect(msg).toMatch(/WORKER_METRICS_ADDRESS: host:port/);
  }
});

test('joint-leave days are parsed into a list; working hours must be a real window', () => {
  expect(loadConfig({ CUTI_BERSAMA: ' 2026-12-24 , 2026-12-31' }).CUTI_BERSAMA).toEqual(['2026-12-24', '2026-12-31']);
  expect(() => loadConfig({ WORKING_HOURS_START: '16:00', WORKING_HOURS_END: '08:00' })).toThrow(/WORKING_HOURS_START: must be before/);
  expect(() => loadConfig({ JWKS_URL: 'https://id.example/jwks' })).toThrow(/needs JWT_ISSUER and JWT_AUDIENCE/);
});

test('production requires its own web secret of at least 32 characters and an https public address', () => {
  const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-16-char-secret', WEB_SECRET: 'a-production-web-secret-0123456789abcdef', PUBLIC_BASE_URL: 'https://koordinasi.kpu.example' };
  expect(loadConfig(prod).PUBLIC_BASE_URL).toBe('https://koordinasi.kpu.example');
  // The pages would otherwise run on the 16-character JWT_SECRET.
  expect(() => loadConfig({ ...prod, WEB_SECRET: undefined })).toThrow(/WEB_SECRET: required in production/);
  expect(() => loadConfig({ ...prod, WEB_SECRET: 'short-web-secret-0123456789' })).toThrow(/WEB_SECRET: at least 32 characters/);
  expect(() => loadConfig({ ...prod, PUBLIC_BASE_URL: 'http://koordinasi.kpu.example' })).toThrow(/PUBLIC_BASE_URL: must be https:\/\/ in production/);
  expect(() => loadConfig({ ...prod, PUBLIC_BASE_URL: undefined })).toThrow(/PUBLIC_BASE_URL: required in production/);
  // Outside production a development setup keeps working on JWT_SECRET over http.
  expect(loadConfig({ JWT_SECRET: 'a-16-char-secret', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' }).WEB_SECRET).toBeUndefined();
});

test('frequency floors and the daily cap: one hour, one hour, 10 by default; bad values are named', () => {
  const cfg = loadConfig({});
  expect([cfg.MIN_REMINDER_INTERVAL, cfg.MIN_SCHEDULE_INTERVAL, cfg.MAX_MAILS_PER_RECIPIENT_PER_DAY]).toEqual(['PT1H', 'PT1H', 10]);
  expect(loadConfig({ MIN_REMINDER_INTERVAL: 'PT1S', MAX_MAILS_PER_RECIPIENT_PER_DAY: '50' })).toMatchObject({ MIN_REMINDER_INTERVAL: 'PT1S', MAX_MAILS_PER_RECIPIENT_PER_DAY: 50 });
  expect(() => loadConfig({ MIN_REMINDER_INTERVAL: 'PT0S' })).toThrow(/MIN_REMINDER_INTERVAL: a positive ISO 8601 duration/);
  expect(() => loadConfig({ MIN_SCHEDULE_INTERVAL: 'hourly' })).toThrow(/MIN_SCHEDULE_INTERVAL/);
  expect(() => loadConfig({ MAX_MAILS_PER_RECIPIENT_PER_DAY: '0' })).toThrow(/MAX_MAILS_PER_RECIPIENT_PER_DAY/);
});
