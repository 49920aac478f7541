/**
 * Builds the worker's activities from settings: directory lookups, calendar arithmetic (with the
 * election schedule's stage dates), notification delivery, recording into the records store. Tests pass `deliver` to record
 * notifications instead of sending them.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../src/config';
import { createWorkingCalendar } from '../src/domain/calendar';
import type { Directory } from '../src/directory/directory';
import type { RecordsDb } from '../src/records/database';
import { createCalendarActivities } from './calendar';
import { createDirectoryActivities } from './directory';
import { createNotificationActivities } from './notifications/deliver';
import { createRecordActivities } from './records';
import { createStageActivities } from './stages';
import { StagesFile } from '../src/stages/stages';
import type { CoordinationActivities } from './types';
import { emailLinksFor } from '../src/links/emailLinks';

function emailLinkDeps(config: Config) {
  const links = emailLinksFor(config);
  return links ? { emailLinks: { links, setting: config.EMAIL_LINK_ACCESS } } : {};
}

export interface ActivityDeps {
  config: Config;
  directory: Directory;
  logger: Logger;
  /** The records store (src/records). */
  records: RecordsDb;
  /** The election schedule; by default the file at STAGES_PATH (read now, re-read when it changes). */
  stages?: StagesFile;
  /** Replaces notification delivery (tests). */
  deliver?: CoordinationActivities['deliverNotification'];
}

export function createActivities({ config, directory, logger, records, stages, deliver }: ActivityDeps): CoordinationActivities {
  const calendar = createWorkingCalendar({
    jointLeaveDays: config.CUTI_BERSAMA,
    workStart: config.WORKING_HOURS_START,
    workEnd: config.WORKING_HOURS_END,
  });
  const notifications = deliver
    ? { deliverNotification: deliver }
    : createNotificationActivities({
        directory,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        mail: { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: path.join(config.DATA_DIR, 'outbox') },
        logger,
        ...emailLinkDeps(config),
        quota: { records, max: config.MAX_MAILS_PER_RECIPIENT_PER_DAY },
      });
  return {
    ...createDirectoryActivities(directory),
    ...createCalendarActivities(calendar),
    ...createStageActivities(calendar, stages ?? new StagesFile(config.STAGES_PATH)),
    ...notifications,
    ...createRecordActivities(records),
  };
}

export type { CoordinationActivities } from './types';
