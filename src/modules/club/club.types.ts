import { Field, InputType, ObjectType } from 'type-graphql';
import { Gender } from '../../generated/prisma/client';

@ObjectType('ClubSettings', { description: "The club's name (shown in both apps and the installed app) and its join code." })
export class ClubSettingsNode {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'What sign-up asks for; null: anyone may sign up.' })
  joinCode!: string | null;
}

@InputType()
export class ClubSettingsInput {
  @Field(() => String, { description: '1 to 40 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: '4 to 64 characters without spaces; null or empty: no join code.' })
  joinCode?: string | null;
}

@InputType({ description: "The club's first hour: the setup code from the server's log, the club, and its first admin." })
export class ClubSetupInput {
  @Field(() => String, { description: "The one-time code the server logged at start (\"Setup code: …\")." })
  setupCode!: string;

  @Field(() => String)
  clubName!: string;

  @Field(() => String, { nullable: true })
  joinCode?: string | null;

  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => Gender)
  gender!: 'MALE' | 'FEMALE';
}
