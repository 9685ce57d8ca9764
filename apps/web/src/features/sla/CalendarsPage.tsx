import { Alert, Card, Col, Descriptions, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type CalendarPresetName, type Weekday } from '@kefu/shared';
import { PageHeader } from '../../ui/PageHeader';

type Period = [string, string];

// Mirrors apps/server/src/modules/calendars/calendar-presets.ts (display only; the server's copy decides).
const ALL_DAY: Period[] = [['00:00', '24:00']];
const TWELVE: Period[] = [['09:00', '21:00']];
const OFFICE: Period[] = [['09:00', '12:00'], ['13:00', '18:00']];
const PRESETS: Record<CalendarPresetName, { hours: Partial<Record<Weekday, Period[]>>; holidaysClosed: boolean }> = {
  '24x7': { hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidaysClosed: false },
  '12x7': { hours: { mon: TWELVE, tue: TWELVE, wed: TWELVE, thu: TWELVE, fri: TWELVE, sat: TWELVE, sun: TWELVE }, holidaysClosed: false },
  '5x8': { hours: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE }, holidaysClosed: true },
};

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const weeklyHours = (hours: Partial<Record<Weekday, Period[]>>) =>
  Object.values(hours).reduce((sum, periods) => sum + periods.reduce((s, [a, b]) => s + minutesOf(b) - minutesOf(a), 0), 0) / 60;

/** 服务日历: the built-in calendars a policy's business-hours targets count in. */
export function CalendarsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('sla.calendars.title')} subtitle={t('sla.calendars.subtitle')} />
      <Row gutter={[16, 16]}>
        {(Object.keys(PRESETS) as CalendarPresetName[]).map((name) => {
          const preset = PRESETS[name];
          return (
            <Col xs={24} xl={8} key={name}>
              <Card title={<Tag color="blue" style={{ fontSize: 14 }}>{name}</Tag>} extra={t('sla.calendars.hoursPerWeek', { n: weeklyHours(preset.hours) })} data-testid={`calendar-${name}`}>
                <p>{t(`sla.calendars.preset.${name}`)}</p>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="day"
                  showHeader={false}
                  dataSource={WEEKDAYS.map((day) => ({ day, periods: preset.hours[day] ?? [] }))}
                  columns={[
                    { dataIndex: 'day', width: 70, render: (d: Weekday) => t(`sla.calendars.weekday.${d}`) },
                    {
                      dataIndex: 'periods',
                      render: (periods: Period[]) =>
                        periods.length ? periods.map(([a, b]) => `${a}–${b}`).join('，') : <span className="kefu-muted">{t('sla.calendars.closed')}</span>,
                    },
                  ]}
                />
                <Descriptions
                  size="small"
                  column={1}
                  style={{ marginTop: 12 }}
                  items={[{ key: 'h', label: t('sla.calendars.holidays'), children: preset.holidaysClosed ? t('sla.calendars.holidaysClosed') : t('sla.calendars.holidaysOpen') }]}
                />
              </Card>
            </Col>
          );
        })}
        <Col span={24}>
          <Card title={t('sla.calendars.calculator')}>
            <Alert type="info" showIcon title={t('sla.calendars.calculatorPending')} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
