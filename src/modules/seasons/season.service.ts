import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { isExclusionViolation, isUniqueViolation } from '../../db/prisma-errors';
import { badUserInput, DomainError, ErrorCode, notFound } from '../../errors/errors';
import type { Season } from '../../generated/prisma/client';
import { contains, defaultSeason, validateSeason, type SeasonFields, type SeasonWindow } from './season-rules';

const seasonOverlap = () => new DomainError(ErrorCode.SEASON_OVERLAP, 'This season overlaps another one.', { field: 'startsAt' });

/** Seasons (기수): the one writer of the seasons table, and which season a figure counts. */
export class SeasonService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Every season, the latest start first. */
  list(): Promise<Season[]> {
    return this.prisma.season.findMany({ orderBy: [{ startsAt: 'desc' }] });
  }

  async current(): Promise<Season | null> {
    return (await this.list()).find((season) => this.isCurrent(season)) ?? null;
  }

  isCurrent(season: Season): boolean {
    return contains(season, this.clock.now());
  }

  create(input: SeasonFields): Promise<Season> {
    return this.write(() => this.prisma.season.create({ data: validateSeason(input) }));
  }

  async update(id: string, input: SeasonFields): Promise<Season> {
    const fields = validateSeason(input);
    if (!(await this.prisma.season.findUnique({ where: { id }, select: { id: true } }))) throw notFound('season');
    return this.write(() => this.prisma.season.update({ where: { id }, data: fields }));
  }

  /** Events and penalties are not touched: they simply no longer belong to a season. */
  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.season.deleteMany({ where: { id } });
    if (count === 0) throw notFound('season');
    return true;
  }

  /**
   * The window a season-scoped figure counts: the named season's (NOT_FOUND when there is none), or
   * by default the current season, else the latest ended one, else all time (null).
   */
  async windowOf(seasonId: string | null | undefined): Promise<SeasonWindow> {
    if (seasonId) {
      const season = await this.prisma.season.findUnique({ where: { id: seasonId } });
      if (!season) throw notFound('season');
      return { from: season.startsAt, to: season.endsAt };
    }
    const season = await this.figuresSeason();
    return season && { from: season.startsAt, to: season.endsAt };
  }

  /** The season figures count when none is named (defaultSeason), or null: all time. */
  async figuresSeason(): Promise<Season | null> {
    return defaultSeason(await this.list(), this.clock.now());
  }

  /** The database decides overlaps (an exclusion constraint) and names (a unique index), races included. */
  private async write(save: () => Promise<Season>): Promise<Season> {
    try {
      return await save();
    } catch (error) {
      // The migration's seasons_no_overlap constraint.
      if (isExclusionViolation(error)) throw seasonOverlap();
      if (isUniqueViolation(error)) throw badUserInput('name', 'A season with this name exists.');
      throw error;
    }
  }
}
