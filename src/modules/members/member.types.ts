import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Gender, MemberStatus, Role } from '../../generated/prisma/client';
import { PageInfo } from '../../graphql/page-info';

registerEnumType(Role, { name: 'Role' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  valuesConfig: { INACTIVE: { description: 'Left the club or suspended: cannot sign in, is not offered for events, keeps their history.' } },
});

/** Public fields here; the private ones (phone, …) are field resolvers that apply the privacy rule. */
@ObjectType('Member')
export class MemberNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => Role)
  role!: Role;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => MemberStatus)
  status!: MemberStatus;
}

@ObjectType()
export class MemberEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => MemberNode)
  node!: MemberNode;
}

@ObjectType()
export class MemberConnection {
  @Field(() => [MemberEdge])
  edges!: MemberEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class SignUpInput {
  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => String, { nullable: true, description: 'Required when the server is configured with a sign-up code.' })
  joinCode?: string | null;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: "A JWT to send as 'Authorization: Bearer <token>'." })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => MemberNode)
  member!: MemberNode;
}

// Arguments as classes: TypeGraphQL lists a class's fields in order (separate @Arg parameters come out reversed).

@ArgsType()
export class MembersArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first!: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => String, { nullable: true })
  search?: string | null;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => MemberStatus, { nullable: true })
  status?: MemberStatus | null;
}

@ArgsType()
export class SetRoleArgs {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Role)
  role!: Role;
}

@ArgsType()
export class LoginArgs {
  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  password!: string;
}

@InputType()
export class UpdateMeInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@ArgsType()
export class SetMemberStatusArgs {
  @Field(() => ID)
  memberId!: string;

  @Field(() => MemberStatus)
  status!: MemberStatus;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class MemberImportRow {
  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => Role, { nullable: true, defaultValue: 'MEMBER' })
  role?: Role | null;
}

@InputType({ description: "A roster file's row as typed (the console's preview): gender MALE/FEMALE, M/F or 남/여; role empty, MEMBER or ADMIN." })
export class MemberImportDraftRow {
  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => String)
  gender!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;
}

export enum MemberImportProblem {
  BAD_LOGIN_ID = 'BAD_LOGIN_ID',
  BAD_NAME = 'BAD_NAME',
  BAD_PHONE = 'BAD_PHONE',
  BAD_GENDER = 'BAD_GENDER',
  BAD_ROLE = 'BAD_ROLE',
  DUPLICATE_LOGIN_ID = 'DUPLICATE_LOGIN_ID',
  LOGIN_ID_TAKEN = 'LOGIN_ID_TAKEN',
}
registerEnumType(MemberImportProblem, { name: 'MemberImportProblem', description: "Why a roster row would not import: its field's rule, or a login id used twice in the file or taken already." });

@ObjectType({ description: 'A roster row as importMembers would store it.' })
export class MemberImportValues {
  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => Role)
  role!: Role;
}

@ObjectType({ description: 'One row of a roster checked before importing: its values, or its problem.' })
export class MemberImportCheck {
  @Field(() => Int, { description: '0-based, as importMembers names rows.' })
  row!: number;

  @Field(() => MemberImportValues, { nullable: true, description: 'Null when the row has a problem.' })
  values!: MemberImportValues | null;

  @Field(() => MemberImportProblem, { nullable: true })
  problem!: MemberImportProblem | null;

  @Field(() => String, { nullable: true, description: 'The field the problem is in.' })
  field!: string | null;
}

@ObjectType({ description: 'A one-time code an admin hands to a member (by message, in person) to set a new password.' })
export class PasswordReset {
  @Field(() => String, { description: 'Shown once; only its hash is stored.' })
  code!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => MemberNode)
  member!: MemberNode;
}

@ObjectType()
export class MemberImportResult {
  @Field(() => [PasswordReset], { description: "One reset per row, in the rows' order: the new members set their passwords with these codes." })
  created!: PasswordReset[];
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  currentPassword!: string;

  @Field(() => String)
  newPassword!: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field(() => String)
  loginId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  newPassword!: string;
}
