/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MyProfile {\n    me {\n      id\n      loginId\n      name\n      phone\n    }\n  }\n": typeof types.MyProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation UpdateProfile($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      name\n      phone\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  query HasCalendarFeed {\n    hasCalendarFeed\n  }\n": typeof types.HasCalendarFeedDocument,
    "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n    }\n  }\n": typeof types.CreateCalendarFeedDocument,
    "\n  query WebPushKey {\n    webPushPublicKey\n  }\n": typeof types.WebPushKeyDocument,
    "\n  mutation RegisterPush($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n": typeof types.RegisterPushDocument,
    "\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n": typeof types.UnregisterPushDocument,
    "\n  query MemberImportCheck($rows: [MemberImportDraftRow!]!) {\n    memberImportCheck(rows: $rows) {\n      row\n      problem\n      field\n      values {\n        loginId\n        name\n        phone\n        gender\n        role\n      }\n    }\n  }\n": typeof types.MemberImportCheckDocument,
    "\n  mutation ImportMembers($rows: [MemberImportRow!]!) {\n    importMembers(rows: $rows) {\n      created {\n        code\n        expiresAt\n        member {\n          id\n          loginId\n          name\n        }\n      }\n    }\n  }\n": typeof types.ImportMembersDocument,
    "\n  query MatchForEdit($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n": typeof types.MatchForEditDocument,
    "\n  mutation CreateMatch($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateMatchDocument,
    "\n  mutation UpdateMatch($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n": typeof types.UpdateMatchDocument,
    "\n  query AdminMatch($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      fee\n      audience\n      startsAt\n      endsAt\n      settledAt\n      participantCount\n      participants {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        member {\n          id\n          name\n          loginId\n        }\n        absenceNotice {\n          status\n          reason\n        }\n      }\n    }\n  }\n": typeof types.AdminMatchDocument,
    "\n  mutation SetAttendance($eventId: ID!, $memberId: ID!, $status: AttendanceStatus!, $note: String) {\n    setAttendance(eventId: $eventId, memberId: $memberId, status: $status, note: $note) {\n      id\n      attendance\n    }\n  }\n": typeof types.SetAttendanceDocument,
    "\n  mutation RemoveParticipant($eventId: ID!, $memberId: ID!) {\n    removeParticipant(eventId: $eventId, memberId: $memberId)\n  }\n": typeof types.RemoveParticipantDocument,
    "\n  mutation SettleNow($id: ID!) {\n    settleEvent(id: $id) {\n      id\n      settledAt\n    }\n  }\n": typeof types.SettleNowDocument,
    "\n  mutation DeleteMatch($id: ID!) {\n    deleteEvent(id: $id)\n  }\n": typeof types.DeleteMatchDocument,
    "\n  query EligibleMembers($eventId: ID!) {\n    eligibleMembers(eventId: $eventId) {\n      id\n      name\n      loginId\n    }\n  }\n": typeof types.EligibleMembersDocument,
    "\n  mutation AddParticipants($eventId: ID!, $memberIds: [ID!]!) {\n    addParticipants(eventId: $eventId, memberIds: $memberIds) {\n      id\n    }\n  }\n": typeof types.AddParticipantsDocument,
    "\n  query SeasonChoices {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n": typeof types.SeasonChoicesDocument,
    "\n  query AdminMatches($upcoming: EventFilter, $past: EventFilter) {\n    upcoming: events(first: 100, filter: $upcoming) {\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n    past: events(first: 100, filter: $past) {\n      totalCount\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n  }\n": typeof types.AdminMatchesDocument,
    "\n  fragment AdminMatchRow on Event {\n    id\n    title\n    address\n    startsAt\n    endsAt\n    settledAt\n    participantCount\n  }\n": typeof types.AdminMatchRowFragmentDoc,
    "\n  query AdminMember($id: ID!) {\n    member(id: $id) {\n      id\n      loginId\n      name\n      phone\n      gender\n      role\n      status\n      createdAt\n      penaltyPoints\n      warningCount\n      standing\n      ...PenaltyList\n    }\n  }\n": typeof types.AdminMemberDocument,
    "\n  mutation IssuePenalty($memberId: ID!, $points: Int!, $note: String!) {\n    issuePenalty(memberId: $memberId, points: $points, note: $note) {\n      id\n    }\n  }\n": typeof types.IssuePenaltyDocument,
    "\n  mutation SetRole($memberId: ID!, $role: Role!) {\n    setRole(memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.SetRoleDocument,
    "\n  mutation SetMemberStatus($memberId: ID!, $status: MemberStatus!) {\n    setMemberStatus(memberId: $memberId, status: $status) {\n      id\n      status\n    }\n  }\n": typeof types.SetMemberStatusDocument,
    "\n  mutation CreateResetCode($memberId: ID!) {\n    createPasswordReset(memberId: $memberId) {\n      code\n      expiresAt\n    }\n  }\n": typeof types.CreateResetCodeDocument,
    "\n  mutation EraseMember($memberId: ID!) {\n    eraseMember(memberId: $memberId) {\n      id\n      name\n      loginId\n      phone\n    }\n  }\n": typeof types.EraseMemberDocument,
    "\n  fragment PenaltyList on Member {\n    penalties(includeRevoked: true) {\n      id\n      reason\n      points\n      note\n      createdAt\n      revokedAt\n      revokeReason\n      event {\n        id\n        title\n      }\n    }\n  }\n": typeof types.PenaltyListFragmentDoc,
    "\n  mutation RevokePenalty($id: ID!, $reason: String!) {\n    revokePenalty(id: $id, reason: $reason) {\n      id\n      revokedAt\n      revokeReason\n    }\n  }\n": typeof types.RevokePenaltyDocument,
    "\n  query AdminMembers($search: String, $after: String) {\n    members(first: 50, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          loginId\n          name\n          role\n          status\n          penaltyPoints\n          standing\n        }\n      }\n    }\n  }\n": typeof types.AdminMembersDocument,
    "\n  mutation ConfirmPayment($eventId: ID!, $memberId: ID!) {\n    confirmPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n": typeof types.ConfirmPaymentDocument,
    "\n  mutation RejectPayment($eventId: ID!, $memberId: ID!) {\n    rejectPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n": typeof types.RejectPaymentDocument,
    "\n  query OfficerQueue {\n    pendingPayments {\n      id\n      paymentRequestedAt\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n        fee\n      }\n    }\n    pendingAbsences {\n      id\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n      }\n      absenceNotice {\n        reason\n        submittedAt\n      }\n    }\n  }\n": typeof types.OfficerQueueDocument,
    "\n  mutation ReviewAbsence($eventId: ID!, $memberId: ID!, $approve: Boolean!, $note: String) {\n    reviewAbsence(eventId: $eventId, memberId: $memberId, approve: $approve, note: $note) {\n      id\n      attendance\n      absenceNotice {\n        status\n      }\n    }\n  }\n": typeof types.ReviewAbsenceDocument,
    "\n  query ClubSettings {\n    clubSettings {\n      name\n      joinCode\n    }\n  }\n": typeof types.ClubSettingsDocument,
    "\n  mutation UpdateClubSettings($input: ClubSettingsInput!) {\n    updateClubSettings(input: $input) {\n      name\n      joinCode\n    }\n  }\n": typeof types.UpdateClubSettingsDocument,
    "\n  query AdminSeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n": typeof types.AdminSeasonsDocument,
    "\n  mutation CreateSeason($input: SeasonInput!) {\n    createSeason(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSeasonDocument,
    "\n  mutation UpdateSeason($id: ID!, $input: SeasonInput!) {\n    updateSeason(id: $id, input: $input) {\n      id\n      name\n      startsAt\n      endsAt\n    }\n  }\n": typeof types.UpdateSeasonDocument,
    "\n  mutation DeleteSeason($id: ID!) {\n    deleteSeason(id: $id)\n  }\n": typeof types.DeleteSeasonDocument,
    "\n  mutation SetUpClub($input: ClubSetupInput!) {\n    setUpClub(input: $input) {\n      ...SessionPayload\n    }\n  }\n": typeof types.SetUpClubDocument,
    "\n  fragment MemberFigures on Member {\n    id\n    loginId\n    name\n    status\n    penaltyPoints(seasonId: $seasonId)\n    warningCount(seasonId: $seasonId)\n    standing(seasonId: $seasonId)\n  }\n": typeof types.MemberFiguresFragmentDoc,
    "\n  query Dashboard($seasonId: ID) {\n    attendanceReport(seasonId: $seasonId) {\n      eventCount\n      attendanceRate\n      participationRate\n      events {\n        event {\n          id\n          title\n          startsAt\n        }\n        eligible\n        participants\n        attended\n        late\n        absent\n        excused\n      }\n      members {\n        member {\n          ...MemberFigures\n        }\n        stats {\n          joined\n          attended\n          late\n          absent\n          excused\n          attendanceRate\n        }\n      }\n    }\n    pendingPayments {\n      id\n    }\n    pendingAbsences {\n      id\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query DashboardMembers($seasonId: ID, $after: String) {\n    members(first: 100, after: $after, status: ACTIVE) {\n      edges {\n        node {\n          ...MemberFigures\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DashboardMembersDocument,
    "\n  query DashboardSeasons {\n    seasons {\n      id\n      name\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n": typeof types.DashboardSeasonsDocument,
    "\n  query HomeMatches($from: DateTime!) {\n    me {\n      id\n      name\n    }\n    events(first: 50, filter: { from: $from }) {\n      edges {\n        node {\n          id\n          ...MatchCard\n        }\n      }\n    }\n  }\n": typeof types.HomeMatchesDocument,
    "\n  fragment MatchCard on Event {\n    id\n    title\n    startsAt\n    endsAt\n    address\n    myParticipation {\n      id\n      attendance\n      payment\n      absenceNotice {\n        status\n      }\n    }\n  }\n": typeof types.MatchCardFragmentDoc,
    "\n  mutation SignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation CheckIn($eventId: ID!, $latitude: Float!, $longitude: Float!, $accuracyMeters: Float) {\n    checkIn(eventId: $eventId, latitude: $latitude, longitude: $longitude, accuracyMeters: $accuracyMeters) {\n      id\n      attendance\n    }\n  }\n": typeof types.CheckInDocument,
    "\n  query MatchDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      fee\n      startsAt\n      endsAt\n      settledAt\n      checkInOpensAt\n      absenceDeadline\n      participantCount\n      participants {\n        id\n        attendance\n        member {\n          id\n          name\n        }\n      }\n      myParticipation {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        absenceNotice {\n          status\n          reason\n          reviewNote\n        }\n      }\n    }\n  }\n": typeof types.MatchDetailDocument,
    "\n  mutation RequestPayment($eventId: ID!) {\n    requestPaymentConfirmation(eventId: $eventId) {\n      id\n      payment\n    }\n  }\n": typeof types.RequestPaymentDocument,
    "\n  mutation SubmitAbsence($eventId: ID!, $reason: String!) {\n    submitAbsence(eventId: $eventId, reason: $reason) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n": typeof types.SubmitAbsenceDocument,
    "\n  mutation WithdrawAbsence($eventId: ID!) {\n    withdrawAbsence(eventId: $eventId) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n": typeof types.WithdrawAbsenceDocument,
    "\n  query MySeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n": typeof types.MySeasonsDocument,
    "\n  query MyStanding($seasonId: ID) {\n    me {\n      id\n      name\n      penaltyPoints(seasonId: $seasonId)\n      warningCount(seasonId: $seasonId)\n      standing(seasonId: $seasonId)\n      stats(seasonId: $seasonId) {\n        joined\n        attended\n        late\n        absent\n        excused\n        attendanceRate\n      }\n      penalties(seasonId: $seasonId) {\n        id\n        reason\n        points\n        note\n        createdAt\n        event {\n          id\n          title\n        }\n      }\n      participations {\n        id\n        attendance\n        event {\n          id\n          title\n          startsAt\n        }\n      }\n    }\n  }\n": typeof types.MyStandingDocument,
    "\n  mutation ResetPassword($loginId: String!, $code: String!, $newPassword: String!) {\n    resetPassword(loginId: $loginId, code: $code, newPassword: $newPassword) {\n      ...SessionPayload\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  subscription MatchChanged($eventId: ID!) {\n    participationChanged(eventId: $eventId) {\n      id\n    }\n  }\n": typeof types.MatchChangedDocument,
    "\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    member {\n      id\n      loginId\n      name\n      role\n    }\n  }\n": typeof types.SessionPayloadFragmentDoc,
    "\n  mutation PageSignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n": typeof types.PageSignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionPayload\n    }\n  }\n": typeof types.SignUpDocument,
};
const documents: Documents = {
    "\n  query MyProfile {\n    me {\n      id\n      loginId\n      name\n      phone\n    }\n  }\n": types.MyProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation UpdateProfile($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      name\n      phone\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  query HasCalendarFeed {\n    hasCalendarFeed\n  }\n": types.HasCalendarFeedDocument,
    "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n    }\n  }\n": types.CreateCalendarFeedDocument,
    "\n  query WebPushKey {\n    webPushPublicKey\n  }\n": types.WebPushKeyDocument,
    "\n  mutation RegisterPush($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n": types.RegisterPushDocument,
    "\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n": types.UnregisterPushDocument,
    "\n  query MemberImportCheck($rows: [MemberImportDraftRow!]!) {\n    memberImportCheck(rows: $rows) {\n      row\n      problem\n      field\n      values {\n        loginId\n        name\n        phone\n        gender\n        role\n      }\n    }\n  }\n": types.MemberImportCheckDocument,
    "\n  mutation ImportMembers($rows: [MemberImportRow!]!) {\n    importMembers(rows: $rows) {\n      created {\n        code\n        expiresAt\n        member {\n          id\n          loginId\n          name\n        }\n      }\n    }\n  }\n": types.ImportMembersDocument,
    "\n  query MatchForEdit($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n": types.MatchForEditDocument,
    "\n  mutation CreateMatch($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n": types.CreateMatchDocument,
    "\n  mutation UpdateMatch($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n": types.UpdateMatchDocument,
    "\n  query AdminMatch($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      fee\n      audience\n      startsAt\n      endsAt\n      settledAt\n      participantCount\n      participants {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        member {\n          id\n          name\n          loginId\n        }\n        absenceNotice {\n          status\n          reason\n        }\n      }\n    }\n  }\n": types.AdminMatchDocument,
    "\n  mutation SetAttendance($eventId: ID!, $memberId: ID!, $status: AttendanceStatus!, $note: String) {\n    setAttendance(eventId: $eventId, memberId: $memberId, status: $status, note: $note) {\n      id\n      attendance\n    }\n  }\n": types.SetAttendanceDocument,
    "\n  mutation RemoveParticipant($eventId: ID!, $memberId: ID!) {\n    removeParticipant(eventId: $eventId, memberId: $memberId)\n  }\n": types.RemoveParticipantDocument,
    "\n  mutation SettleNow($id: ID!) {\n    settleEvent(id: $id) {\n      id\n      settledAt\n    }\n  }\n": types.SettleNowDocument,
    "\n  mutation DeleteMatch($id: ID!) {\n    deleteEvent(id: $id)\n  }\n": types.DeleteMatchDocument,
    "\n  query EligibleMembers($eventId: ID!) {\n    eligibleMembers(eventId: $eventId) {\n      id\n      name\n      loginId\n    }\n  }\n": types.EligibleMembersDocument,
    "\n  mutation AddParticipants($eventId: ID!, $memberIds: [ID!]!) {\n    addParticipants(eventId: $eventId, memberIds: $memberIds) {\n      id\n    }\n  }\n": types.AddParticipantsDocument,
    "\n  query SeasonChoices {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n": types.SeasonChoicesDocument,
    "\n  query AdminMatches($upcoming: EventFilter, $past: EventFilter) {\n    upcoming: events(first: 100, filter: $upcoming) {\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n    past: events(first: 100, filter: $past) {\n      totalCount\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n  }\n": types.AdminMatchesDocument,
    "\n  fragment AdminMatchRow on Event {\n    id\n    title\n    address\n    startsAt\n    endsAt\n    settledAt\n    participantCount\n  }\n": types.AdminMatchRowFragmentDoc,
    "\n  query AdminMember($id: ID!) {\n    member(id: $id) {\n      id\n      loginId\n      name\n      phone\n      gender\n      role\n      status\n      createdAt\n      penaltyPoints\n      warningCount\n      standing\n      ...PenaltyList\n    }\n  }\n": types.AdminMemberDocument,
    "\n  mutation IssuePenalty($memberId: ID!, $points: Int!, $note: String!) {\n    issuePenalty(memberId: $memberId, points: $points, note: $note) {\n      id\n    }\n  }\n": types.IssuePenaltyDocument,
    "\n  mutation SetRole($memberId: ID!, $role: Role!) {\n    setRole(memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n": types.SetRoleDocument,
    "\n  mutation SetMemberStatus($memberId: ID!, $status: MemberStatus!) {\n    setMemberStatus(memberId: $memberId, status: $status) {\n      id\n      status\n    }\n  }\n": types.SetMemberStatusDocument,
    "\n  mutation CreateResetCode($memberId: ID!) {\n    createPasswordReset(memberId: $memberId) {\n      code\n      expiresAt\n    }\n  }\n": types.CreateResetCodeDocument,
    "\n  mutation EraseMember($memberId: ID!) {\n    eraseMember(memberId: $memberId) {\n      id\n      name\n      loginId\n      phone\n    }\n  }\n": types.EraseMemberDocument,
    "\n  fragment PenaltyList on Member {\n    penalties(includeRevoked: true) {\n      id\n      reason\n      points\n      note\n      createdAt\n      revokedAt\n      revokeReason\n      event {\n        id\n        title\n      }\n    }\n  }\n": types.PenaltyListFragmentDoc,
    "\n  mutation RevokePenalty($id: ID!, $reason: String!) {\n    revokePenalty(id: $id, reason: $reason) {\n      id\n      revokedAt\n      revokeReason\n    }\n  }\n": types.RevokePenaltyDocument,
    "\n  query AdminMembers($search: String, $after: String) {\n    members(first: 50, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          loginId\n          name\n          role\n          status\n          penaltyPoints\n          standing\n        }\n      }\n    }\n  }\n": types.AdminMembersDocument,
    "\n  mutation ConfirmPayment($eventId: ID!, $memberId: ID!) {\n    confirmPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n": types.ConfirmPaymentDocument,
    "\n  mutation RejectPayment($eventId: ID!, $memberId: ID!) {\n    rejectPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n": types.RejectPaymentDocument,
    "\n  query OfficerQueue {\n    pendingPayments {\n      id\n      paymentRequestedAt\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n        fee\n      }\n    }\n    pendingAbsences {\n      id\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n      }\n      absenceNotice {\n        reason\n        submittedAt\n      }\n    }\n  }\n": types.OfficerQueueDocument,
    "\n  mutation ReviewAbsence($eventId: ID!, $memberId: ID!, $approve: Boolean!, $note: String) {\n    reviewAbsence(eventId: $eventId, memberId: $memberId, approve: $approve, note: $note) {\n      id\n      attendance\n      absenceNotice {\n        status\n      }\n    }\n  }\n": types.ReviewAbsenceDocument,
    "\n  query ClubSettings {\n    clubSettings {\n      name\n      joinCode\n    }\n  }\n": types.ClubSettingsDocument,
    "\n  mutation UpdateClubSettings($input: ClubSettingsInput!) {\n    updateClubSettings(input: $input) {\n      name\n      joinCode\n    }\n  }\n": types.UpdateClubSettingsDocument,
    "\n  query AdminSeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n": types.AdminSeasonsDocument,
    "\n  mutation CreateSeason($input: SeasonInput!) {\n    createSeason(input: $input) {\n      id\n    }\n  }\n": types.CreateSeasonDocument,
    "\n  mutation UpdateSeason($id: ID!, $input: SeasonInput!) {\n    updateSeason(id: $id, input: $input) {\n      id\n      name\n      startsAt\n      endsAt\n    }\n  }\n": types.UpdateSeasonDocument,
    "\n  mutation DeleteSeason($id: ID!) {\n    deleteSeason(id: $id)\n  }\n": types.DeleteSeasonDocument,
    "\n  mutation SetUpClub($input: ClubSetupInput!) {\n    setUpClub(input: $input) {\n      ...SessionPayload\n    }\n  }\n": types.SetUpClubDocument,
    "\n  fragment MemberFigures on Member {\n    id\n    loginId\n    name\n    status\n    penaltyPoints(seasonId: $seasonId)\n    warningCount(seasonId: $seasonId)\n    standing(seasonId: $seasonId)\n  }\n": types.MemberFiguresFragmentDoc,
    "\n  query Dashboard($seasonId: ID) {\n    attendanceReport(seasonId: $seasonId) {\n      eventCount\n      attendanceRate\n      participationRate\n      events {\n        event {\n          id\n          title\n          startsAt\n        }\n        eligible\n        participants\n        attended\n        late\n        absent\n        excused\n      }\n      members {\n        member {\n          ...MemberFigures\n        }\n        stats {\n          joined\n          attended\n          late\n          absent\n          excused\n          attendanceRate\n        }\n      }\n    }\n    pendingPayments {\n      id\n    }\n    pendingAbsences {\n      id\n    }\n  }\n": types.DashboardDocument,
    "\n  query DashboardMembers($seasonId: ID, $after: String) {\n    members(first: 100, after: $after, status: ACTIVE) {\n      edges {\n        node {\n          ...MemberFigures\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DashboardMembersDocument,
    "\n  query DashboardSeasons {\n    seasons {\n      id\n      name\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n": types.DashboardSeasonsDocument,
    "\n  query HomeMatches($from: DateTime!) {\n    me {\n      id\n      name\n    }\n    events(first: 50, filter: { from: $from }) {\n      edges {\n        node {\n          id\n          ...MatchCard\n        }\n      }\n    }\n  }\n": types.HomeMatchesDocument,
    "\n  fragment MatchCard on Event {\n    id\n    title\n    startsAt\n    endsAt\n    address\n    myParticipation {\n      id\n      attendance\n      payment\n      absenceNotice {\n        status\n      }\n    }\n  }\n": types.MatchCardFragmentDoc,
    "\n  mutation SignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n": types.SignInDocument,
    "\n  mutation CheckIn($eventId: ID!, $latitude: Float!, $longitude: Float!, $accuracyMeters: Float) {\n    checkIn(eventId: $eventId, latitude: $latitude, longitude: $longitude, accuracyMeters: $accuracyMeters) {\n      id\n      attendance\n    }\n  }\n": types.CheckInDocument,
    "\n  query MatchDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      fee\n      startsAt\n      endsAt\n      settledAt\n      checkInOpensAt\n      absenceDeadline\n      participantCount\n      participants {\n        id\n        attendance\n        member {\n          id\n          name\n        }\n      }\n      myParticipation {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        absenceNotice {\n          status\n          reason\n          reviewNote\n        }\n      }\n    }\n  }\n": types.MatchDetailDocument,
    "\n  mutation RequestPayment($eventId: ID!) {\n    requestPaymentConfirmation(eventId: $eventId) {\n      id\n      payment\n    }\n  }\n": types.RequestPaymentDocument,
    "\n  mutation SubmitAbsence($eventId: ID!, $reason: String!) {\n    submitAbsence(eventId: $eventId, reason: $reason) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n": types.SubmitAbsenceDocument,
    "\n  mutation WithdrawAbsence($eventId: ID!) {\n    withdrawAbsence(eventId: $eventId) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n": types.WithdrawAbsenceDocument,
    "\n  query MySeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n": types.MySeasonsDocument,
    "\n  query MyStanding($seasonId: ID) {\n    me {\n      id\n      name\n      penaltyPoints(seasonId: $seasonId)\n      warningCount(seasonId: $seasonId)\n      standing(seasonId: $seasonId)\n      stats(seasonId: $seasonId) {\n        joined\n        attended\n        late\n        absent\n        excused\n        attendanceRate\n      }\n      penalties(seasonId: $seasonId) {\n        id\n        reason\n        points\n        note\n        createdAt\n        event {\n          id\n          title\n        }\n      }\n      participations {\n        id\n        attendance\n        event {\n          id\n          title\n          startsAt\n        }\n      }\n    }\n  }\n": types.MyStandingDocument,
    "\n  mutation ResetPassword($loginId: String!, $code: String!, $newPassword: String!) {\n    resetPassword(loginId: $loginId, code: $code, newPassword: $newPassword) {\n      ...SessionPayload\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  subscription MatchChanged($eventId: ID!) {\n    participationChanged(eventId: $eventId) {\n      id\n    }\n  }\n": types.MatchChangedDocument,
    "\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    member {\n      id\n      loginId\n      name\n      role\n    }\n  }\n": types.SessionPayloadFragmentDoc,
    "\n  mutation PageSignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n": types.PageSignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionPayload\n    }\n  }\n": types.SignUpDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProfile {\n    me {\n      id\n      loginId\n      name\n      phone\n    }\n  }\n"): (typeof documents)["\n  query MyProfile {\n    me {\n      id\n      loginId\n      name\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      name\n      phone\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      name\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HasCalendarFeed {\n    hasCalendarFeed\n  }\n"): (typeof documents)["\n  query HasCalendarFeed {\n    hasCalendarFeed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebPushKey {\n    webPushPublicKey\n  }\n"): (typeof documents)["\n  query WebPushKey {\n    webPushPublicKey\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPush($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n"): (typeof documents)["\n  mutation RegisterPush($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n"): (typeof documents)["\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberImportCheck($rows: [MemberImportDraftRow!]!) {\n    memberImportCheck(rows: $rows) {\n      row\n      problem\n      field\n      values {\n        loginId\n        name\n        phone\n        gender\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberImportCheck($rows: [MemberImportDraftRow!]!) {\n    memberImportCheck(rows: $rows) {\n      row\n      problem\n      field\n      values {\n        loginId\n        name\n        phone\n        gender\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportMembers($rows: [MemberImportRow!]!) {\n    importMembers(rows: $rows) {\n      created {\n        code\n        expiresAt\n        member {\n          id\n          loginId\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportMembers($rows: [MemberImportRow!]!) {\n    importMembers(rows: $rows) {\n      created {\n        code\n        expiresAt\n        member {\n          id\n          loginId\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchForEdit($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n"): (typeof documents)["\n  query MatchForEdit($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMatch($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMatch($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMatch($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMatch($id: ID!, $input: UpdateEventInput!) {\n    updateEvent(id: $id, input: $input) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      audience\n      fee\n      startsAt\n      endsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMatch($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      fee\n      audience\n      startsAt\n      endsAt\n      settledAt\n      participantCount\n      participants {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        member {\n          id\n          name\n          loginId\n        }\n        absenceNotice {\n          status\n          reason\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMatch($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      fee\n      audience\n      startsAt\n      endsAt\n      settledAt\n      participantCount\n      participants {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        member {\n          id\n          name\n          loginId\n        }\n        absenceNotice {\n          status\n          reason\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAttendance($eventId: ID!, $memberId: ID!, $status: AttendanceStatus!, $note: String) {\n    setAttendance(eventId: $eventId, memberId: $memberId, status: $status, note: $note) {\n      id\n      attendance\n    }\n  }\n"): (typeof documents)["\n  mutation SetAttendance($eventId: ID!, $memberId: ID!, $status: AttendanceStatus!, $note: String) {\n    setAttendance(eventId: $eventId, memberId: $memberId, status: $status, note: $note) {\n      id\n      attendance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveParticipant($eventId: ID!, $memberId: ID!) {\n    removeParticipant(eventId: $eventId, memberId: $memberId)\n  }\n"): (typeof documents)["\n  mutation RemoveParticipant($eventId: ID!, $memberId: ID!) {\n    removeParticipant(eventId: $eventId, memberId: $memberId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SettleNow($id: ID!) {\n    settleEvent(id: $id) {\n      id\n      settledAt\n    }\n  }\n"): (typeof documents)["\n  mutation SettleNow($id: ID!) {\n    settleEvent(id: $id) {\n      id\n      settledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMatch($id: ID!) {\n    deleteEvent(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteMatch($id: ID!) {\n    deleteEvent(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EligibleMembers($eventId: ID!) {\n    eligibleMembers(eventId: $eventId) {\n      id\n      name\n      loginId\n    }\n  }\n"): (typeof documents)["\n  query EligibleMembers($eventId: ID!) {\n    eligibleMembers(eventId: $eventId) {\n      id\n      name\n      loginId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddParticipants($eventId: ID!, $memberIds: [ID!]!) {\n    addParticipants(eventId: $eventId, memberIds: $memberIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddParticipants($eventId: ID!, $memberIds: [ID!]!) {\n    addParticipants(eventId: $eventId, memberIds: $memberIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SeasonChoices {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n"): (typeof documents)["\n  query SeasonChoices {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMatches($upcoming: EventFilter, $past: EventFilter) {\n    upcoming: events(first: 100, filter: $upcoming) {\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n    past: events(first: 100, filter: $past) {\n      totalCount\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMatches($upcoming: EventFilter, $past: EventFilter) {\n    upcoming: events(first: 100, filter: $upcoming) {\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n    past: events(first: 100, filter: $past) {\n      totalCount\n      edges {\n        node {\n          ...AdminMatchRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminMatchRow on Event {\n    id\n    title\n    address\n    startsAt\n    endsAt\n    settledAt\n    participantCount\n  }\n"): (typeof documents)["\n  fragment AdminMatchRow on Event {\n    id\n    title\n    address\n    startsAt\n    endsAt\n    settledAt\n    participantCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMember($id: ID!) {\n    member(id: $id) {\n      id\n      loginId\n      name\n      phone\n      gender\n      role\n      status\n      createdAt\n      penaltyPoints\n      warningCount\n      standing\n      ...PenaltyList\n    }\n  }\n"): (typeof documents)["\n  query AdminMember($id: ID!) {\n    member(id: $id) {\n      id\n      loginId\n      name\n      phone\n      gender\n      role\n      status\n      createdAt\n      penaltyPoints\n      warningCount\n      standing\n      ...PenaltyList\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssuePenalty($memberId: ID!, $points: Int!, $note: String!) {\n    issuePenalty(memberId: $memberId, points: $points, note: $note) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation IssuePenalty($memberId: ID!, $points: Int!, $note: String!) {\n    issuePenalty(memberId: $memberId, points: $points, note: $note) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRole($memberId: ID!, $role: Role!) {\n    setRole(memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SetRole($memberId: ID!, $role: Role!) {\n    setRole(memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMemberStatus($memberId: ID!, $status: MemberStatus!) {\n    setMemberStatus(memberId: $memberId, status: $status) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SetMemberStatus($memberId: ID!, $status: MemberStatus!) {\n    setMemberStatus(memberId: $memberId, status: $status) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateResetCode($memberId: ID!) {\n    createPasswordReset(memberId: $memberId) {\n      code\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateResetCode($memberId: ID!) {\n    createPasswordReset(memberId: $memberId) {\n      code\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EraseMember($memberId: ID!) {\n    eraseMember(memberId: $memberId) {\n      id\n      name\n      loginId\n      phone\n    }\n  }\n"): (typeof documents)["\n  mutation EraseMember($memberId: ID!) {\n    eraseMember(memberId: $memberId) {\n      id\n      name\n      loginId\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PenaltyList on Member {\n    penalties(includeRevoked: true) {\n      id\n      reason\n      points\n      note\n      createdAt\n      revokedAt\n      revokeReason\n      event {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PenaltyList on Member {\n    penalties(includeRevoked: true) {\n      id\n      reason\n      points\n      note\n      createdAt\n      revokedAt\n      revokeReason\n      event {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokePenalty($id: ID!, $reason: String!) {\n    revokePenalty(id: $id, reason: $reason) {\n      id\n      revokedAt\n      revokeReason\n    }\n  }\n"): (typeof documents)["\n  mutation RevokePenalty($id: ID!, $reason: String!) {\n    revokePenalty(id: $id, reason: $reason) {\n      id\n      revokedAt\n      revokeReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMembers($search: String, $after: String) {\n    members(first: 50, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          loginId\n          name\n          role\n          status\n          penaltyPoints\n          standing\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMembers($search: String, $after: String) {\n    members(first: 50, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          loginId\n          name\n          role\n          status\n          penaltyPoints\n          standing\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmPayment($eventId: ID!, $memberId: ID!) {\n    confirmPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmPayment($eventId: ID!, $memberId: ID!) {\n    confirmPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectPayment($eventId: ID!, $memberId: ID!) {\n    rejectPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n"): (typeof documents)["\n  mutation RejectPayment($eventId: ID!, $memberId: ID!) {\n    rejectPayment(eventId: $eventId, memberId: $memberId) {\n      id\n      payment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfficerQueue {\n    pendingPayments {\n      id\n      paymentRequestedAt\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n        fee\n      }\n    }\n    pendingAbsences {\n      id\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n      }\n      absenceNotice {\n        reason\n        submittedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query OfficerQueue {\n    pendingPayments {\n      id\n      paymentRequestedAt\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n        fee\n      }\n    }\n    pendingAbsences {\n      id\n      member {\n        id\n        name\n      }\n      event {\n        id\n        title\n        startsAt\n      }\n      absenceNotice {\n        reason\n        submittedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewAbsence($eventId: ID!, $memberId: ID!, $approve: Boolean!, $note: String) {\n    reviewAbsence(eventId: $eventId, memberId: $memberId, approve: $approve, note: $note) {\n      id\n      attendance\n      absenceNotice {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewAbsence($eventId: ID!, $memberId: ID!, $approve: Boolean!, $note: String) {\n    reviewAbsence(eventId: $eventId, memberId: $memberId, approve: $approve, note: $note) {\n      id\n      attendance\n      absenceNotice {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClubSettings {\n    clubSettings {\n      name\n      joinCode\n    }\n  }\n"): (typeof documents)["\n  query ClubSettings {\n    clubSettings {\n      name\n      joinCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClubSettings($input: ClubSettingsInput!) {\n    updateClubSettings(input: $input) {\n      name\n      joinCode\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateClubSettings($input: ClubSettingsInput!) {\n    updateClubSettings(input: $input) {\n      name\n      joinCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AdminSeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n    }\n    currentSeason {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSeason($input: SeasonInput!) {\n    createSeason(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSeason($input: SeasonInput!) {\n    createSeason(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSeason($id: ID!, $input: SeasonInput!) {\n    updateSeason(id: $id, input: $input) {\n      id\n      name\n      startsAt\n      endsAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSeason($id: ID!, $input: SeasonInput!) {\n    updateSeason(id: $id, input: $input) {\n      id\n      name\n      startsAt\n      endsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSeason($id: ID!) {\n    deleteSeason(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSeason($id: ID!) {\n    deleteSeason(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUpClub($input: ClubSetupInput!) {\n    setUpClub(input: $input) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation SetUpClub($input: ClubSetupInput!) {\n    setUpClub(input: $input) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberFigures on Member {\n    id\n    loginId\n    name\n    status\n    penaltyPoints(seasonId: $seasonId)\n    warningCount(seasonId: $seasonId)\n    standing(seasonId: $seasonId)\n  }\n"): (typeof documents)["\n  fragment MemberFigures on Member {\n    id\n    loginId\n    name\n    status\n    penaltyPoints(seasonId: $seasonId)\n    warningCount(seasonId: $seasonId)\n    standing(seasonId: $seasonId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($seasonId: ID) {\n    attendanceReport(seasonId: $seasonId) {\n      eventCount\n      attendanceRate\n      participationRate\n      events {\n        event {\n          id\n          title\n          startsAt\n        }\n        eligible\n        participants\n        attended\n        late\n        absent\n        excused\n      }\n      members {\n        member {\n          ...MemberFigures\n        }\n        stats {\n          joined\n          attended\n          late\n          absent\n          excused\n          attendanceRate\n        }\n      }\n    }\n    pendingPayments {\n      id\n    }\n    pendingAbsences {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($seasonId: ID) {\n    attendanceReport(seasonId: $seasonId) {\n      eventCount\n      attendanceRate\n      participationRate\n      events {\n        event {\n          id\n          title\n          startsAt\n        }\n        eligible\n        participants\n        attended\n        late\n        absent\n        excused\n      }\n      members {\n        member {\n          ...MemberFigures\n        }\n        stats {\n          joined\n          attended\n          late\n          absent\n          excused\n          attendanceRate\n        }\n      }\n    }\n    pendingPayments {\n      id\n    }\n    pendingAbsences {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMembers($seasonId: ID, $after: String) {\n    members(first: 100, after: $after, status: ACTIVE) {\n      edges {\n        node {\n          ...MemberFigures\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardMembers($seasonId: ID, $after: String) {\n    members(first: 100, after: $after, status: ACTIVE) {\n      edges {\n        node {\n          ...MemberFigures\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSeasons {\n    seasons {\n      id\n      name\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n"): (typeof documents)["\n  query DashboardSeasons {\n    seasons {\n      id\n      name\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeMatches($from: DateTime!) {\n    me {\n      id\n      name\n    }\n    events(first: 50, filter: { from: $from }) {\n      edges {\n        node {\n          id\n          ...MatchCard\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HomeMatches($from: DateTime!) {\n    me {\n      id\n      name\n    }\n    events(first: 50, filter: { from: $from }) {\n      edges {\n        node {\n          id\n          ...MatchCard\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MatchCard on Event {\n    id\n    title\n    startsAt\n    endsAt\n    address\n    myParticipation {\n      id\n      attendance\n      payment\n      absenceNotice {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MatchCard on Event {\n    id\n    title\n    startsAt\n    endsAt\n    address\n    myParticipation {\n      id\n      attendance\n      payment\n      absenceNotice {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckIn($eventId: ID!, $latitude: Float!, $longitude: Float!, $accuracyMeters: Float) {\n    checkIn(eventId: $eventId, latitude: $latitude, longitude: $longitude, accuracyMeters: $accuracyMeters) {\n      id\n      attendance\n    }\n  }\n"): (typeof documents)["\n  mutation CheckIn($eventId: ID!, $latitude: Float!, $longitude: Float!, $accuracyMeters: Float) {\n    checkIn(eventId: $eventId, latitude: $latitude, longitude: $longitude, accuracyMeters: $accuracyMeters) {\n      id\n      attendance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      fee\n      startsAt\n      endsAt\n      settledAt\n      checkInOpensAt\n      absenceDeadline\n      participantCount\n      participants {\n        id\n        attendance\n        member {\n          id\n          name\n        }\n      }\n      myParticipation {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        absenceNotice {\n          status\n          reason\n          reviewNote\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchDetail($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      address\n      latitude\n      longitude\n      fee\n      startsAt\n      endsAt\n      settledAt\n      checkInOpensAt\n      absenceDeadline\n      participantCount\n      participants {\n        id\n        attendance\n        member {\n          id\n          name\n        }\n      }\n      myParticipation {\n        id\n        attendance\n        payment\n        checkedInAt\n        checkInDistanceMeters\n        absenceNotice {\n          status\n          reason\n          reviewNote\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPayment($eventId: ID!) {\n    requestPaymentConfirmation(eventId: $eventId) {\n      id\n      payment\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPayment($eventId: ID!) {\n    requestPaymentConfirmation(eventId: $eventId) {\n      id\n      payment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAbsence($eventId: ID!, $reason: String!) {\n    submitAbsence(eventId: $eventId, reason: $reason) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitAbsence($eventId: ID!, $reason: String!) {\n    submitAbsence(eventId: $eventId, reason: $reason) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawAbsence($eventId: ID!) {\n    withdrawAbsence(eventId: $eventId) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawAbsence($eventId: ID!) {\n    withdrawAbsence(eventId: $eventId) {\n      id\n      absenceNotice {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n"): (typeof documents)["\n  query MySeasons {\n    seasons {\n      id\n      name\n      startsAt\n      endsAt\n      current\n    }\n    figuresSeason {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyStanding($seasonId: ID) {\n    me {\n      id\n      name\n      penaltyPoints(seasonId: $seasonId)\n      warningCount(seasonId: $seasonId)\n      standing(seasonId: $seasonId)\n      stats(seasonId: $seasonId) {\n        joined\n        attended\n        late\n        absent\n        excused\n        attendanceRate\n      }\n      penalties(seasonId: $seasonId) {\n        id\n        reason\n        points\n        note\n        createdAt\n        event {\n          id\n          title\n        }\n      }\n      participations {\n        id\n        attendance\n        event {\n          id\n          title\n          startsAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyStanding($seasonId: ID) {\n    me {\n      id\n      name\n      penaltyPoints(seasonId: $seasonId)\n      warningCount(seasonId: $seasonId)\n      standing(seasonId: $seasonId)\n      stats(seasonId: $seasonId) {\n        joined\n        attended\n        late\n        absent\n        excused\n        attendanceRate\n      }\n      penalties(seasonId: $seasonId) {\n        id\n        reason\n        points\n        note\n        createdAt\n        event {\n          id\n          title\n        }\n      }\n      participations {\n        id\n        attendance\n        event {\n          id\n          title\n          startsAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($loginId: String!, $code: String!, $newPassword: String!) {\n    resetPassword(loginId: $loginId, code: $code, newPassword: $newPassword) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($loginId: String!, $code: String!, $newPassword: String!) {\n    resetPassword(loginId: $loginId, code: $code, newPassword: $newPassword) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MatchChanged($eventId: ID!) {\n    participationChanged(eventId: $eventId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription MatchChanged($eventId: ID!) {\n    participationChanged(eventId: $eventId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    member {\n      id\n      loginId\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    member {\n      id\n      loginId\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PageSignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation PageSignIn($loginId: String!, $password: String!) {\n    login(loginId: $loginId, password: $password) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionPayload\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;