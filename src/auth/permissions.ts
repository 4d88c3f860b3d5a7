import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import type { IRuleTypeMap } from 'graphql-shield/typings/types';
import { forbidden, unauthenticated } from '../errors/errors';
import type { GraphQLContext } from '../graphql/context';

/** These rules read only the context, so each runs once per request ('contextual' cache). */
export const isAnyone = rule('isAnyone', { cache: 'contextual' })(() => true);

export const isSignedIn = rule('isSignedIn', { cache: 'contextual' })(
  (_parent, _args, ctx: GraphQLContext) => ctx.viewer !== null || unauthenticated(),
);

export const isAdmin = rule('isAdmin', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (ctx.viewer === null) return unauthenticated();
  return ctx.viewer.role === 'ADMIN' || forbidden('Only admins can do this.');
});

/**
 * Who may call each root field. Anything not listed is denied (fallbackRule), so a new field is
 * closed until someone decides who may use it.
 */
export const rootFieldRules = {
  Query: {
    me: isSignedIn,
    member: isSignedIn,
    members: isAdmin,
    events: isSignedIn,
    event: isSignedIn,
    eligibleMembers: isAdmin,
    pendingPayments: isAdmin,
    upcomingSettlements: isAdmin,
    attendanceReport: isAdmin,
    seasons: isSignedIn,
    currentSeason: isSignedIn,
    figuresSeason: isSignedIn,
    hasCalendarFeed: isSignedIn,
    pendingAbsences: isAdmin,
    clubSettings: isAdmin,
    memberImportCheck: isAdmin,
    webPushPublicKey: isSignedIn,
  },
  Mutation: {
    signUp: isAnyone,
    login: isAnyone,
    setRole: isAdmin,
    createEvent: isAdmin,
    updateEvent: isAdmin,
    deleteEvent: isAdmin,
    addParticipants: isAdmin,
    removeParticipant: isAdmin,
    checkIn: isSignedIn,
    requestPaymentConfirmation: isSignedIn,
    confirmPayment: isAdmin,
    rejectPayment: isAdmin,
    setAttendance: isAdmin,
    settleEvent: isAdmin,
    issuePenalty: isAdmin,
    revokePenalty: isAdmin,
    createCalendarFeed: isSignedIn,
    revokeCalendarFeed: isSignedIn,
    createSeason: isAdmin,
    updateSeason: isAdmin,
    deleteSeason: isAdmin,
    changePassword: isSignedIn,
    updateMe: isSignedIn,
    createPasswordReset: isAdmin,
    resetPassword: isAnyone,
    setMemberStatus: isAdmin,
    eraseMember: isAdmin,
    importMembers: isAdmin,
    updateClubSettings: isAdmin,
    setUpClub: isAnyone,
    submitAbsence: isSignedIn,
    withdrawAbsence: isSignedIn,
    reviewAbsence: isAdmin,
    registerPushSubscription: isSignedIn,
    unregisterPushSubscription: isSignedIn,
  },
  Subscription: {
    // Who may follow which match is the feed's to decide (participants and admins).
    participationChanged: isSignedIn,
  },
} satisfies IRuleTypeMap;

/**
 * Object types below the root are reachable only through a root field that was allowed; which of
 * their fields a viewer may read (the privacy rule) is decided in their resolvers, which answer null.
 *
 * So only root fields are wrapped. Shield wraps every field of every type it is given, and each
 * wrapper allocates promises on every call: a match with 50 participants made several hundred such
 * calls per request, about a fifth of all memory allocated under load.
 */
export function createPermissions(schema: GraphQLSchema): IMiddlewareFieldMap {
  const everyField = shield(rootFieldRules, {
    fallbackRule: deny,
    fallbackError: (_thrown, _parent, _args, ctx) => ((ctx as unknown as GraphQLContext).viewer ? forbidden() : unauthenticated()),
    // Resolvers' own errors pass through untouched; formatError masks anything unexpected.
    allowExternalErrors: true,
    debug: false,
  }).generate(schema) as IMiddlewareFieldMap;
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return Object.fromEntries(roots.filter((root) => root !== null && root !== undefined).map((root) => [root.name, everyField[root.name]]));
}
