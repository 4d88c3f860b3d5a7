import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A browser\'s Web Push subscription (the fields of PushSubscription.toJSON()).' })
export class PushSubscriptionInput {
  @Field(() => String)
  endpoint!: string;

  @Field(() => String)
  p256dh!: string;

  @Field(() => String)
  auth!: string;
}
