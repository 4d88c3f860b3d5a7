import { takePrefixed } from '../../db/columns';
import type { Participation } from '../../generated/prisma/client';
import { participationColumns } from './participation.columns';

/** An event's participant count and the viewer's own participation, as every event list shows them. */
export interface ParticipationSummary {
  count: number;
  /** The viewer's own participation in the event, if any. */
  mine: Participation | null;
}

/**
 * The summary as columns of a query over events aliased `e`, for the viewer in parameter
 * `viewerParam`: the event list reads it with its page, one statement instead of two.
 */
export function participationSummaryOfEvents(viewerParam: string): { columns: string; joins: string } {
  return {
    columns: `pc.count AS "summary.count", ${participationColumns('mine', 'mine.')}`,
    joins: `CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM participations WHERE event_id = e.id) pc
      LEFT JOIN participations mine ON mine.event_id = e.id AND mine.member_id = ${viewerParam}`,
  };
}

/** Takes participationSummaryOfEvents' columns back out of a row, leaving the rest. */
export function takeParticipationSummary<Rest>(row: Record<string, unknown>): { summary: ParticipationSummary; rest: Rest } {
  const { joined: mine, own } = takePrefixed<Participation, Record<string, unknown>>(row, 'mine.');
  const { joined: summary, own: rest } = takePrefixed<{ count: number }, Rest>(own, 'summary.');
  return { summary: { count: summary.count, mine: mine.id === null ? null : mine }, rest };
}
