import { Arg, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { PushService } from './push.service';
import { PushSubscriptionInput } from './push.types';

@Resolver()
export class PushResolver {
  constructor(private readonly push: PushService) {}

  @Query(() => String, { description: "The server's VAPID public key (base64url), for PushManager.subscribe's applicationServerKey." })
  webPushPublicKey(): Promise<string> {
    return this.push.publicKey();
  }

  @Mutation(() => Boolean, { description: "Register this browser for the viewer's notifications (idempotent per endpoint)." })
  registerPushSubscription(@Arg('input', () => PushSubscriptionInput) input: PushSubscriptionInput, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.push.register(viewer.id, input);
  }

  @Mutation(() => Boolean, { description: 'Stop notifications to this browser; true when it was registered to the viewer.' })
  unregisterPushSubscription(@Arg('endpoint', () => String) endpoint: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.push.unregister(viewer.id, endpoint);
  }
}
