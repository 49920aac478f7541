/**
 * Builds the worker's activities from settings: directory lookups, calendar arithmetic and
 * notification delivery. Tests pass `deliver` to record notifications instead of sending them.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../src/config';
import { createWorkingCalendar } from '../src/domain/calendar';
import type { Directory } from '../src/directory/directory';
import { createCalendarActivities } from './calendar';
import { createDirectoryActivities } from './directory';
import { createNotificationActivities } from './notifications/deliver';
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
  /** Replaces notification delivery (tests). */
  deliver?: CoordinationActivities['deliverNotification'];
}

export function createActivities({ config, directory, logger, deliver }: ActivityDeps): CoordinationActivities {
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
      });
  return {
    ...createDirectoryActivities(directory),
    ...createCalendarActivities(calendar),
    ...notifications,
  };
}

export type { CoordinationActivities } from './types';
