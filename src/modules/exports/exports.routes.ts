import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { RequestViewer } from '../../auth/request-viewer';
import { formatInTimeZone } from '../../clock/time-zone';
import { forbidden, unauthenticated } from '../../errors/errors';
import type { Route } from '../../http/server';
import { parseExportScope } from './export-scope';
import { EXPORT_NAMES, type ExportName, type ExportRow, type ExportService } from './export.service';
import { compressingStream } from '../../http/compression';

/**
 * The first row is read before the answer starts, so that a refusal or an unreachable database
 * is still a proper error status rather than a cut-off file.
 */
async function startedRows(rows: AsyncIterable<ExportRow>): Promise<AsyncIterable<ExportRow>> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
}

/**
 * GET /exports/{members,attendance,penalties,dues}.csv for admins (api-rules.md, "Exports"):
 * RFC 4180 by csv-stringify, UTF-8 with a BOM, CRLF, formula-looking cells prefixed with ', times
 * in the club's zone as the API shows them; streamed, so memory does not grow with the file.
 */
export function exportRoutes(exports: ExportService, viewerOf: RequestViewer): Route[] {
  return [
    {
      method: 'GET',
      path: new RegExp(`^/exports/(${EXPORT_NAMES.join('|')})\\.csv$`),
      name: '/exports/:name.csv',
      async handle(request, response, { params: [name] }) {
        const viewer = await viewerOf(request);
        if (!viewer) {
          response.setHeader('www-authenticate', 'Bearer');
          throw unauthenticated();
        }
        if (viewer.role !== 'ADMIN') throw forbidden('Only admins can export the club\'s records.');
        const scope = parseExportScope(new URL(request.url ?? '/', 'http://localhost').searchParams);
        const table = await exports.open(name as ExportName, scope);
        const rows = await startedRows(table.rows);
        const compressing = compressingStream(request, response);
        response.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `attachment; filename="pitchside-${name}-${exports.today()}.csv"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        const csv = stringify({
          columns: table.columns,
          header: true,
          bom: true,
          record_delimiter: 'windows',
          escape_formulas: true,
          cast: { date: (date) => formatInTimeZone(date, exports.timeZone) },
        });
        try {
          await (compressing ? pipeline(Readable.from(rows), csv, compressing, response) : pipeline(Readable.from(rows), csv, response));
        } catch (error) {
          // The client went away mid-file: nothing to answer, nothing wrong here.
          if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
          throw error;
        }
      },
    },
  ];
}
