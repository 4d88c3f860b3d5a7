import { defineModule, resolver } from '../manifest';
import { createReportLoaders, type ReportLoaders } from './report.loaders';
import { EventAttendanceResolver, MemberAttendanceResolver, MemberStatsResolver, ReportResolver } from './report.resolver';

export const reportsModule = defineModule({
  name: 'reports',
  resolvers: [
    resolver(ReportResolver, (services) => new ReportResolver(services.reports)),
    resolver(EventAttendanceResolver, () => new EventAttendanceResolver()),
    resolver(MemberAttendanceResolver, () => new MemberAttendanceResolver()),
    resolver(MemberStatsResolver, () => new MemberStatsResolver()),
  ],
  loaders: ({ services }): ReportLoaders => createReportLoaders(services.reports),
});
