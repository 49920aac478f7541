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

test('frequency floors and the daily cap: one hour, one hour, 10 by default; bad values are named', () => {
  const cfg = loadConfig({});
  expect([cfg.MIN_REMINDER_INTERVAL, cfg.MIN_SCHEDULE_INTERVAL, cfg.MAX_MAILS_PER_RECIPIENT_PER_DAY]).toEqual(['PT1H', 'PT1H', 10]);
  expect(loadConfig({ MIN_REMINDER_INTERVAL: 'PT1S', MAX_MAILS_PER_RECIPIENT_PER_DAY: '50' })).toMatchObject({ MIN_REMINDER_INTERVAL: 'PT1S', MAX_MAILS_PER_RECIPIENT_PER_DAY: 50 });
  expect(() => loadConfig({ MIN_REMINDER_INTERVAL: 'PT0S' })).toThrow(/MIN_REMINDER_INTERVAL: a positive ISO 8601 duration/);
  expect(() => loadConfig({ MIN_SCHEDULE_INTERVAL: 'hourly' })).toThrow(/MIN_SCHEDULE_INTERVAL/);
  expect(() => loadConfig({ MAX_MAILS_PER_RECIPIENT_PER_DAY: '0' })).toThrow(/MAX_MAILS_PER_RECIPIENT_PER_DAY/);
});
