import { useClient } from '@urql/preact';
import Papa from 'papaparse';
import { useState } from 'preact/hooks';
import { graphql } from '../../gql';
import type { MemberImportCheckQuery, MemberImportDraftRow, MemberImportProblem } from '../../gql/graphql';
import { useAction } from '../../app/actions';
import { clearNotice, tellError, tellSuccess } from '../../app/notice';
import { apiErrorOf } from '../../shared/graphql-client';
import { koreaDateTime } from '../../shared/korea-time';

const MemberImportCheckQueryDocument = graphql(`
  query MemberImportCheck($rows: [MemberImportDraftRow!]!) {
    memberImportCheck(rows: $rows) {
      row
      problem
      field
      values {
        loginId
        name
        phone
        gender
        role
      }
    }
  }
`);

const ImportMembersMutation = graphql(`
  mutation ImportMembers($rows: [MemberImportRow!]!) {
    importMembers(rows: $rows) {
      created {
        code
        expiresAt
        member {
          id
          loginId
          name
        }
      }
    }
  }
`);

/** Column names as Excel or Google Sheets files may spell them, to the API's. */
const COLUMNS: Record<string, keyof MemberImportDraftRow> = {
  loginid: 'loginId',
  아이디: 'loginId',
  name: 'name',
  이름: 'name',
  phone: 'phone',
  전화번호: 'phone',
  gender: 'gender',
  성별: 'gender',
  role: 'role',
  역할: 'role',
};

const PROBLEMS: Record<MemberImportProblem, string> = {
  BAD_LOGIN_ID: '아이디 형식이 틀립니다 (영문 소문자·숫자·._- 4~32자)',
  BAD_NAME: '이름이 비었거나 너무 깁니다 (1~50자)',
  BAD_PHONE: '전화번호 형식이 틀립니다',
  BAD_GENDER: '성별은 MALE/FEMALE 또는 남/여',
  BAD_ROLE: '역할은 비우거나 MEMBER/ADMIN',
  DUPLICATE_LOGIN_ID: '파일 안에서 아이디가 겹칩니다',
  LOGIN_ID_TAKEN: '이미 있는 아이디입니다',
};

type Check = MemberImportCheckQuery['memberImportCheck'][number];
type Created = { code: string; expiresAt: string; member: { id: string; loginId: string; name: string } };

/** The file's rows as the API's drafts; null (told) when a needed column is missing. */
function draftsOf(text: string): MemberImportDraftRow[] | null {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => COLUMNS[header.trim().toLowerCase()] ?? header.trim(),
  });
  const missing = ['loginId', 'name', 'phone', 'gender'].filter((column) => !parsed.meta.fields?.includes(column));
  if (missing.length) {
    tellError({ code: 'BAD_USER_INPUT' }, `CSV 첫 줄에 ${missing.join(', ')} 열이 없습니다. 열은 loginId,name,phone,gender[,role] 입니다.`);
    return null;
  }
  return parsed.data.map((row) => ({ loginId: row.loginId ?? '', name: row.name ?? '', phone: row.phone ?? '', gender: row.gender ?? '', role: row.role || null }));
}

/** /admin/members/import: a roster CSV previewed row by row, imported only when every row passes. */
export function ImportPage() {
  const client = useClient();
  const importMembers = useAction(ImportMembersMutation);
  const [drafts, setDrafts] = useState<MemberImportDraftRow[]>([]);
  const [checks, setChecks] = useState<Check[]>([]);
  const [created, setCreated] = useState<Created[] | null>(null);
  const [reading, setReading] = useState(false);

  const choose = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    clearNotice();
    setCreated(null);
    setChecks([]);
    if (!file) return;
    setReading(true);
    try {
      const text = await file.text();
      // Korean Excel's plain "CSV" is CP949: read as UTF-8 its Hangul turns into U+FFFD.
      if (text.includes('\uFFFD')) return tellError({ code: 'BAD_USER_INPUT' }, '파일이 UTF-8이 아닙니다. 엑셀에서 "CSV UTF-8(쉼표로 분리)" 형식으로 다시 저장해 고르세요.');
      const rows = draftsOf(text);
      if (!rows) return;
      if (rows.length === 0) return tellError({ code: 'BAD_USER_INPUT' }, '파일에 회원 줄이 없습니다.');
      const result = await client.query(MemberImportCheckQueryDocument, { rows }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) return tellError(result.error ? apiErrorOf(result.error) : { code: 'NETWORK' });
      setDrafts(rows);
      setChecks(result.data.memberImportCheck);
    } finally {
      setReading(false);
    }
  };
  const failing = checks.filter((check) => check.problem).length;
  const submit = async () => {
    // The checked values, without the __typename the client adds to what it reads.
    const rows = checks.map(({ values }) => ({ loginId: values!.loginId, name: values!.name, phone: values!.phone, gender: values!.gender, role: values!.role }));
    const data = await importMembers.run({ rows });
    if (data) {
      setCreated(data.importMembers.created);
      setChecks([]);
      tellSuccess(`${data.importMembers.created.length}명을 가져왔습니다. 아래 코드로 각자 비밀번호를 정하게 하세요.`);
    }
  };

  if (created) {
    return (
      <section>
        <h1>가져온 회원과 재설정 코드</h1>
        <p>각 회원은 앱의 "비밀번호 재설정"에서 아이디와 코드로 비밀번호를 정합니다. 코드는 지금만 보입니다.</p>
        <p class="no-print">
          <button type="button" onClick={() => window.print()}>
            인쇄
          </button>
        </p>
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">이름</th>
                <th scope="col">아이디</th>
                <th scope="col">재설정 코드</th>
                <th scope="col">유효 기한</th>
              </tr>
            </thead>
            <tbody>
              {created.map((row) => (
                <tr key={row.member.id} data-testid="import-result-row" data-member-id={row.member.id}>
                  <td>{row.member.name}</td>
                  <td>{row.member.loginId}</td>
                  <td class="code" data-testid="import-result-code">
                    {row.code}
                  </td>
                  <td>{koreaDateTime(row.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  }

  return (
    <section>
      <h1>명단 가져오기</h1>
      <p class="muted">CSV 파일(UTF-8, 엑셀이나 구글 시트에서 저장). 첫 줄은 열 이름: loginId,name,phone,gender[,role]. 성별은 MALE/FEMALE 또는 남/여.</p>
      <label>
        CSV 파일
        <input type="file" accept=".csv,text/csv" data-testid="import-file" onChange={choose} disabled={reading} />
      </label>
      {checks.length > 0 && (
        <>
          <h2>
            미리 보기: {checks.length}명{failing > 0 ? `, 고칠 줄 ${failing}개` : ', 모두 가져올 수 있습니다'}
          </h2>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">줄</th>
                  <th scope="col">아이디</th>
                  <th scope="col">이름</th>
                  <th scope="col">전화번호</th>
                  <th scope="col">성별</th>
                  <th scope="col">역할</th>
                  <th scope="col">확인</th>
                </tr>
              </thead>
              <tbody>
                {checks.map((check) => {
                  const draft = drafts[check.row];
                  return (
                    <tr key={check.row} data-testid="import-preview-row" data-error={check.problem ?? undefined} class={check.problem ? 'row-error' : undefined}>
                      <td>{check.row + 2}</td>
                      <td>{check.values?.loginId ?? draft.loginId}</td>
                      <td>{check.values?.name ?? draft.name}</td>
                      <td>{check.values?.phone ?? draft.phone}</td>
                      <td>{check.values ? (check.values.gender === 'MALE' ? '남' : '여') : draft.gender}</td>
                      <td>{check.values ? (check.values.role === 'ADMIN' ? '운영진' : '회원') : (draft.role ?? '')}</td>
                      <td>{check.problem ? PROBLEMS[check.problem] : '좋음'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {failing > 0 && <p class="notice notice-error">고칠 줄이 있으면 가져올 수 없습니다. 파일을 고친 뒤 다시 고르세요.</p>}
          <button type="button" class="primary big" data-testid="import-submit" disabled={failing > 0 || importMembers.busy} onClick={submit}>
            {checks.length}명 가져오기
          </button>
        </>
      )}
    </section>
  );
}
