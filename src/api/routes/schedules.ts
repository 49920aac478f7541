/**
 * /v1/coordination-schedules: recurring coordination on Temporal Schedules
 * (docs/ARCHITECTURE.md#recurring-coordination). Create (idempotent under Idempotency-Key), list
 * (scoped like requests), get, pause, resume, delete. Each occurrence starts a request of its own
 * that links back to its schedule (`schedule` in the request's state).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import type { Directory } from '../../directory/directory';
import type { WorkingCalendar } from '../../domain/calendar';
import { readableOrgs } from '../access';
import { callerOf } from '../auth';
import type { KnownStages } from '../createInput';
import type { Floors } from '../floors';
import { defineRoute } from '../route';
import { assertCanManageSchedule, assertCanSeeSchedule } from '../schedules/access';
import { prepareSchedule, replan, scheduleIdFor } from '../schedules/createSchedule';
import { CreateScheduleBodySchema, ScheduleListSchema, ScheduleNoteBodySchema, ScheduleParamsSchema, ScheduleViewSchema } from '../schedules/schemas';
import type { ScheduleService } from '../schedules/service';
import { CreateHeadersSchema } from '../schemas';

const BASE = '/v1/coordination-schedules';
const TAGS = ['coordination-schedules'];
const VIEW = { description: 'The schedule', schema: ScheduleViewSchema };

export interface ScheduleRouteDeps {
  directory: Directory;
  schedules: ScheduleService;
  stages: KnownStages;
  calendar: WorkingCalendar;
  floors: Floors;
  now: () => number;
}

export function scheduleRoutes(app: Express, registry: OpenAPIRegistry, { directory, schedules, stages, calendar, floors, now }: ScheduleRouteDeps): void {
  defineRoute(app, registry, {
    method: 'post',
    path: BASE,
    operationId: 'createCoordinationSchedule',
    summary: 'Start recurring coordination: a request from a template at each occurrence',
    description:
      "The requester is the caller's organization; times are read in its time zone. With `skipHolidays`, occurrences on Indonesian public " +
      'holidays and joint-leave days (cuti bersama) are skipped by the schedule itself. With an Idempotency-Key, a retry with the same body ' +
      'returns the same schedule (200) and a different body is refused (409).',
    tags: TAGS,
    secured: true,
    headers: CreateHeadersSchema,
    body: CreateScheduleBodySchema,
    responses: {
      201: { ...VIEW, description: 'Created', headers: { Location: { description: 'URL of the schedule', schema: { type: 'string' } } } },
      200: { ...VIEW, description: 'Already created by an earlier attempt with the same idempotency key and body' },
    },
    problems: [409, 503],
    handler: async ({ res, body, headers }) => {
      const caller = callerOf(res);
      const id = scheduleIdFor(caller.org, headers['idempotency-key']);
      const prepared = prepareSchedule(id, body, caller, { directory, stages, calendar, floors, nowMs: now() });
      const { created, schedule } = await schedules.create(id, prepared.facts, prepared.plan, prepared.occurrence, body.paused, body.note);
      res.status(created ? 201 : 200).location(`${BASE}/${id}`).json(schedule);
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: BASE,
    operationId: 'listCoordinationSchedules',
    summary: 'Schedules the caller may see (its organization and those under it; admins: all)',
    description: 'Read from Temporal\'s schedule list, which follows changes with a short delay.',
    tags: TAGS,
    secured: true,
    responses: { 200: { description: 'Schedules', schema: ScheduleListSchema } },
    problems: [503],
    handler: async ({ res }) => {
      res.json({ items: await schedules.list(readableOrgs(callerOf(res), directory)) });
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: `${BASE}/{id}`,
    operationId: 'getCoordinationSchedule',
    summary: 'One schedule: recurrence, state, next and recent runs, template',
    tags: TAGS,
    secured: true,
    params: ScheduleParamsSchema,
    responses: { 200: VIEW },
    problems: [404, 503],
    handler: async ({ res, params }) => {
      const schedule = await schedules.get(params.id);
      assertCanSeeSchedule(callerOf(res), schedule.requester, directory);
      res.json(schedule);
    },
  });

  for (const action of ['pause', 'resume'] as const) {
    defineRoute(app, registry, {
      method: 'post',
      path: `${BASE}/{id}/${action}`,
      operationId: `${action}CoordinationSchedule`,
      summary: action === 'pause' ? 'Pause: no occurrence starts until resumed' : 'Resume (holidays to skip are listed afresh)',
      tags: TAGS,
      secured: true,
      params: ScheduleParamsSchema,
      body: ScheduleNoteBodySchema,
      bodyOptional: true,
      responses: { 200: VIEW },
      problems: [404, 503],
      handler: async ({ res, params, body }) => {
        assertCanManageSchedule(callerOf(res), await schedules.owner(params.id), directory);
        const schedule = action === 'pause' ? await schedules.pause(params.id, body.note) : await schedules.resume(params.id, body.note, (facts) => replan(facts, calendar, now()));
        res.json(schedule);
      },
    });
  }

  defineRoute(app, registry, {
    method: 'delete',
    path: `${BASE}/{id}`,
    operationId: 'deleteCoordinationSchedule',
    summary: 'Delete the schedule (requests it started go on)',
    tags: TAGS,
    secured: true,
    params: ScheduleParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    problems: [404, 503],
    handler: async ({ res, params }) => {
      assertCanManageSchedule(callerOf(res), await schedules.owner(params.id), directory);
      await schedules.delete(params.id);
      res.status(204).end();
    },
  });
}
