import { Arg, Args, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Season } from '../../generated/prisma/client';
import type { SeasonService } from './season.service';
import { SeasonInput, SeasonNode, UpdateSeasonArgs } from './season.types';

@Resolver(() => SeasonNode)
export class SeasonResolver {
  constructor(private readonly seasonService: SeasonService) {}

  @Query(() => [SeasonNode], { description: 'Signed-in members: every season, the latest start first.' })
  seasons(): Promise<Season[]> {
    return this.seasonService.list();
  }

  @Query(() => SeasonNode, { nullable: true, description: 'The season that contains now, or null.' })
  currentSeason(): Promise<Season | null> {
    return this.seasonService.current();
  }

  @Query(() => SeasonNode, {
    nullable: true,
    description: 'The season figures count when no seasonId is named: the current one; between seasons, the latest that has ended; null: all time.',
  })
  figuresSeason(): Promise<Season | null> {
    return this.seasonService.figuresSeason();
  }

  @Mutation(() => SeasonNode, { description: 'Admins only.' })
  createSeason(@Arg('input', () => SeasonInput) input: SeasonInput): Promise<Season> {
    return this.seasonService.create(input);
  }

  @Mutation(() => SeasonNode, { description: 'Admins only.' })
  updateSeason(@Args(() => UpdateSeasonArgs) { id, input }: UpdateSeasonArgs): Promise<Season> {
    return this.seasonService.update(id, input);
  }

  @Mutation(() => Boolean, { description: 'Admins only. Events and penalties are not touched: they simply no longer belong to a season.' })
  deleteSeason(@Arg('id', () => ID) id: string): Promise<boolean> {
    return this.seasonService.delete(id);
  }

  @FieldResolver(() => Boolean, { description: 'True while now is in [startsAt, endsAt).' })
  current(@Root() season: Season): boolean {
    return this.seasonService.isCurrent(season);
  }
}
