import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { calendarDueRequestSchema, calendarDueResponseSchema } from '@kefu/shared';
import type { RouteDeps } from '../../http/route-deps.js';
import { invalid } from '../../lib/app-error.js';
import { calendarOf } from '../sla/sla-calendars.js';
import { addBusinessMinutes, formatInCalendarZone, yearsMissingHolidayData } from './business-calendar.js';

export const calendarsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app) => {
  app.post('/calendars/due', {
    schema: { tags: ['calendars'], summary: 'Due time on a business calendar (the computation of `kefu calendar due` and of SLA clocks)', body: calendarDueRequestSchema, response: { 200: calendarDueResponseSchema } },
  }, async (request) => {
    const calendar = calendarOf(request.body.calendar);
    const start = DateTime.fromISO(request.body.start.trim(), { zone: calendar.timeZone });
    if (!start.isValid) throw invalid('calendar_start', { field: 'start' });
    const due = addBusinessMinutes(calendar, start.toJSDate(), request.body.minutes);
    return { due: formatInCalendarZone(calendar, due), missingHolidayYears: yearsMissingHolidayData(calendar, start.toJSDate(), due) };
  });
};
