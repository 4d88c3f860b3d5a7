import DataLoader from 'dataloader';
import type { AbsenceNotice } from '../../generated/prisma/client';
import { defineModule, resolver } from '../manifest';
import { AbsenceDeadlineResolver, AbsenceResolver } from './absence.resolver';

export interface AbsenceLoaders {
  /** Each participation's notice, one query for a whole list of participations. */
  absenceNoticeByParticipation: DataLoader<string, AbsenceNotice | null>;
}

export const absencesModule = defineModule({
  name: 'absences',
  resolvers: [
    resolver(AbsenceResolver, (services) => new AbsenceResolver(services.absences)),
    resolver(AbsenceDeadlineResolver, (services) => new AbsenceDeadlineResolver(services.absences)),
  ],
  loaders: ({ services }): AbsenceLoaders => ({
    absenceNoticeByParticipation: new DataLoader((participationIds) => services.absences.noticesOf(participationIds)),
  }),
});
